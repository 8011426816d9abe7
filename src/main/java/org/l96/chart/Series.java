package org.l96.chart;

import java.util.Objects;

/**
 * One curve or point cloud of a figure: a legend label, x and y of equal length, how to draw it and, optionally,
 * which colour of {@link Palette} to use.
 *
 * <p>Values that are not finite (NaN, ±infinity, as an unstable run produces) are drawn as gaps. The arrays are
 * copied, so a series is immutable. An empty or {@code null} label keeps the series out of the legend.
 *
 * @param label  legend label; empty or {@code null} for none
 * @param x      x values
 * @param y      y values, as many as x
 * @param style  how the series is drawn
 * @param colour index into the colour cycle of {@link Palette#colour(int)} (taken modulo its size), or {@link #AUTO} for the series'
 *               position in its figure, as matplotlib's colour cycle does
 */
public record Series(String label, double[] x, double[] y, Style style, int colour) {

    /** Colour chosen by the series' position in its figure. */
    public static final int AUTO = -1;

    /** How a series is drawn. */
    public enum Style {
        /** a solid line */
        LINE,
        /** small filled dots and no line, like matplotlib's {@code "."} marker */
        POINTS,
        /** a solid line with a dot at each value */
        LINE_AND_POINTS,
        /** a dashed line */
        DASHED
    }

    public Series {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(style, "style");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + label + "': x has " + x.length + " values but y has "
                    + y.length);
        }
        if (colour < AUTO) {
            throw new IllegalArgumentException("series '" + label + "': colour index " + colour
                    + " (use a palette index >= 0 or Series.AUTO)");
        }
        label = label == null ? "" : label;
        x = x.clone();
        y = y.clone();
    }

    /** A series coloured by its position in the figure. */
    public Series(String label, double[] x, double[] y, Style style) {
        this(label, x, y, style, AUTO);
    }

    /** A solid line. */
    public static Series line(String label, double[] x, double[] y) {
        return new Series(label, x, y, Style.LINE);
    }

    /** Small dots. */
    public static Series points(String label, double[] x, double[] y) {
        return new Series(label, x, y, Style.POINTS);
    }

    /** This series drawn in colour {@code index} of the {@link Palette} cycle. */
    public Series withColour(int index) {
        return new Series(label, x, y, style, index);
    }

    /** The x values (a copy). */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** The y values (a copy). */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** Number of values. */
    public int size() {
        return x.length;
    }

    /** Values 1, 2, ..., n: the x of per-epoch or per-iteration series. */
    public static double[] oneTo(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }

    double[] rawX() {
        return x;
    }

    double[] rawY() {
        return y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && label.equals(s.label) && style == s.style && colour == s.colour
                && java.util.Arrays.equals(x, s.x) && java.util.Arrays.equals(y, s.y);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, style, colour, java.util.Arrays.hashCode(x), java.util.Arrays.hashCode(y));
    }

    @Override
    public String toString() {
        return "Series[" + label + ", " + style + ", " + x.length + " values]";
    }
}
