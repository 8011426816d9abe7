package org.l96.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;

import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.TickUnits;

/**
 * Tick units and number formats independent of the default locale (a decimal point, never a comma), with a true
 * minus sign as in print, and the least number of decimals each tick size needs.
 */
final class Ticks {

    private Ticks() {
    }

    static DecimalFormat format(String pattern) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setMinusSign('\u2212');
        symbols.setExponentSeparator("e");
        return new DecimalFormat(pattern, symbols);
    }

    /** Sizes 1, 2, 2.5, 5 times powers of ten from 1e-12 to 1e12. */
    static TickUnitSource decimal() {
        TickUnits units = new TickUnits();
        for (int e = -12; e <= 12; e++) {
            for (double m : new double[] {1, 2, 2.5, 5}) {
                double size = m * Math.pow(10, e);
                int decimals = Math.max(0, -e + (m == 2.5 ? 1 : 0)); // 25 has none, 2.5 one, 0.25 two
                NumberFormat f;
                if (e < -4 || e > 6) {
                    f = format("0.##E0");
                } else {
                    f = format(decimals == 0 ? "0" : "0." + "0".repeat(decimals));
                }
                units.add(new NumberTickUnit(size, f));
            }
        }
        return units;
    }

    /** Whole-number sizes only (epochs, iterations). */
    static TickUnitSource integer() {
        TickUnits units = new TickUnits();
        NumberFormat f = format("0");
        for (int e = 0; e <= 12; e++) {
            for (double m : new double[] {1, 2, 5}) {
                units.add(new NumberTickUnit(m * Math.pow(10, e), f, 1));
            }
            units.add(new NumberTickUnit(2.5 * Math.pow(10, e + 1), f, 1));
        }
        return units;
    }

    private static final String SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";

    /**
     * A value for a legend or label: up to three significant digits, plainly between 0.001 and 10000, otherwise
     * as m×10ⁿ with a superscript exponent.
     */
    static String pretty(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            int digits = Math.max(0, 2 - (int) Math.floor(Math.log10(a)));
            String s = String.format(Locale.ROOT, "%." + digits + "f", v);
            if (s.contains(".")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s.replace('-', '\u2212');
        }
        int exp = (int) Math.floor(Math.log10(a));
        double mant = v / Math.pow(10, exp);
        if (Math.abs(Math.round(mant * 100) / 100.0) >= 10) {
            mant /= 10;
            exp++;
        }
        String m = String.format(Locale.ROOT, "%.2f", mant).replaceAll("0+$", "").replaceAll("\\.$", "");
        StringBuilder sb = new StringBuilder(m.replace('-', '\u2212')).append("\u00d710");
        if (exp < 0) {
            sb.append('\u207b');
        }
        for (char c : Integer.toString(Math.abs(exp)).toCharArray()) {
            sb.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return sb.toString();
    }
}
