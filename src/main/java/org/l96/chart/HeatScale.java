package org.l96.chart;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;

import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.util.PublicCloneable;

/** The viridis colour map (matplotlib's default) over [lower, upper]; NaN is light grey. */
final class HeatScale implements PaintScale, PublicCloneable, Serializable {

    private static final long serialVersionUID = 1L;

    /** viridis at 0, 1/9, ..., 1 */
    private static final int[] STOPS = {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779,
        0x6ece58, 0xb5de2b, 0xfde725};
    static final Color MISSING = new Color(0xd9d9d9);

    private final double lower;
    private final double upper;

    HeatScale(double lower, double upper) {
        if (!(upper > lower)) {
            throw new IllegalArgumentException("scale [" + lower + ", " + upper + "]");
        }
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return colour(value);
    }

    Color colour(double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (STOPS.length - 1);
        int i = Math.min((int) t, STOPS.length - 2);
        double f = t - i;
        int a = STOPS[i];
        int b = STOPS[i + 1];
        return new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        a &= 0xff;
        b &= 0xff;
        return (int) Math.round(a + (b - a) * f);
    }

    /** Whether text on this colour should be white rather than black. */
    boolean dark(double value) {
        Color c = colour(value);
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance < 128;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        return super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeatScale h && h.lower == lower && h.upper == upper;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lower) * 31 + Double.hashCode(upper);
    }
}
