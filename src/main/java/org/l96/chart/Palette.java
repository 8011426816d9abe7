package org.l96.chart;

import java.awt.Color;

/** The fixed colour cycle of all figures: matplotlib's "tab10", so our figures colour series as the notebook's do. */
public final class Palette {

    public static final Color BLUE = new Color(0x1f77b4);
    public static final Color ORANGE = new Color(0xff7f0e);
    public static final Color GREEN = new Color(0x2ca02c);
    public static final Color RED = new Color(0xd62728);
    public static final Color PURPLE = new Color(0x9467bd);
    public static final Color BROWN = new Color(0x8c564b);
    public static final Color PINK = new Color(0xe377c2);
    public static final Color GREY = new Color(0x7f7f7f);
    public static final Color OLIVE = new Color(0xbcbd22);
    public static final Color CYAN = new Color(0x17becf);

    /** Index of each colour in the cycle, for {@link Series#withColour(int)}. */
    public static final int I_BLUE = 0, I_ORANGE = 1, I_GREEN = 2, I_RED = 3, I_PURPLE = 4;

    private static final Color[] TAB10_COLOURS = {BLUE, ORANGE, GREEN, RED, PURPLE, BROWN, PINK, GREY, OLIVE, CYAN};

    /** Number of colours in the cycle. */
    public static final int SIZE = TAB10_COLOURS.length;

    private Palette() {
    }

    /** Colour {@code index} of the cycle, wrapping around after ten. */
    public static Color colour(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("colour index " + index);
        }
        return TAB10_COLOURS[index % TAB10_COLOURS.length];
    }

    /** The same colour with the given opacity (0..1). */
    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha));
    }
}
