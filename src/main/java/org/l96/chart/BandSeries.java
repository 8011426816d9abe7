package org.l96.chart;

import java.util.Arrays;
import java.util.Objects;

/**
 * A line with a shaded interval around it: for instance RMSE against lead time with its 95% interval. All four
 * arrays have the same length; a value that is not finite (in y, lower or upper) leaves a gap in the line and the
 * band. The arrays are copied.
 *
 * @param label  legend label; empty or {@code null} for none
 * @param x      x values
 * @param y      the line
 * @param lower  lower edge of the band
 * @param upper  upper edge of the band
 * @param colour index into the colour cycle of {@link Palette#colour(int)}, or {@link Series#AUTO}
 * @param dashed the line dashed (a second quantity of the same scheme, e.g. the ensemble spread beside its error)
 */
public record BandSeries(String label, double[] x, double[] y, double[] lower, double[] upper, int colour,
                         boolean dashed) {

    public BandSeries {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        if (y.length != x.length || lower.length != x.length || upper.length != x.length) {
            throw new IllegalArgumentException("band '" + label + "': x, y, lower, upper have " + x.length + ", "
                    + y.length + ", " + lower.length + ", " + upper.length + " values; they must be equal");
        }
        if (colour < Series.AUTO) {
            throw new IllegalArgumentException("band '" + label + "': colour index " + colour);
        }
        label = label == null ? "" : label;
        x = x.clone();
        y = y.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    /** A solid line with its band in colour {@code colour}. */
    public BandSeries(String label, double[] x, double[] y, double[] lower, double[] upper, int colour) {
        this(label, x, y, lower, upper, colour, false);
    }

    /** This band in colour {@code index} of the {@link Palette} cycle. */
    public BandSeries withColour(int index) {
        return new BandSeries(label, x, y, lower, upper, index, dashed);
    }

    /** A band coloured by its position in the figure. */
    public BandSeries(String label, double[] x, double[] y, double[] lower, double[] upper) {
        this(label, x, y, lower, upper, Series.AUTO);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    int size() {
        return x.length;
    }

    double[] rawX() {
        return x;
    }

    double[] rawY() {
        return y;
    }

    double[] rawLower() {
        return lower;
    }

    double[] rawUpper() {
        return upper;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandSeries b && label.equals(b.label) && colour == b.colour && dashed == b.dashed && Arrays.equals(x, b.x)
                && Arrays.equals(y, b.y) && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, colour, dashed, Arrays.hashCode(x), Arrays.hashCode(y), Arrays.hashCode(lower),
                Arrays.hashCode(upper));
    }

    @Override
    public String toString() {
        return "BandSeries[" + label + ", " + x.length + " values]";
    }
}
