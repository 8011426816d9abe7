package org.l96.chart;

import java.awt.Graphics2D;
import java.awt.font.TextAttribute;
import java.awt.geom.Rectangle2D;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * A base-10 log axis that ranges over the positive data only and draws a value &lt;= 0 far beyond its lower edge
 * (clipped away, as matplotlib's log scale does) instead of at minus infinity. Ticks as matplotlib's: labelled
 * powers of ten (every n-th decade when there are many) with unlabelled minor ticks at 2..9 times them, or, over
 * less than two decades, plain numbers such as 2, 5, 10, 20.
 */
final class PositiveLogAxis extends LogAxis {

    private static final double MARGIN = 0.03; // of the log span, each side
    private static final int MAX_LABELS = 9;
    private static final String MINUS = "\u2212";

    PositiveLogAxis(String label) {
        super(label);
        setBase(10);
        setSmallestValue(1e-300);
        setMinorTickMarksVisible(true);
    }

    @Override
    public double valueToJava2D(double value, Rectangle2D area, RectangleEdge edge) {
        if (value <= 0) {
            value = getLowerBound() * 1e-6;
        }
        return super.valueToJava2D(value, area, edge);
    }

    @Override
    protected void autoAdjustRange() {
        if (!(getPlot() instanceof XYPlot plot)) {
            super.autoAdjustRange();
            return;
        }
        boolean domain = plot.getDomainAxis() == this;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            if (ds == null) {
                continue;
            }
            for (int s = 0; s < ds.getSeriesCount(); s++) {
                for (int i = 0; i < ds.getItemCount(s); i++) {
                    if (domain) {
                        double v = ds.getXValue(s, i);
                        if (v > 0 && v < Double.POSITIVE_INFINITY) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    } else {
                        double[] vs = ds instanceof IntervalXYDataset in
                                ? new double[] {ds.getYValue(s, i), in.getStartYValue(s, i), in.getEndYValue(s, i)}
                                : new double[] {ds.getYValue(s, i)};
                        for (double v : vs) {
                            if (v > 0 && v < Double.POSITIVE_INFINITY) {
                                min = Math.min(min, v);
                                max = Math.max(max, v);
                            }
                        }
                    }
                }
            }
        }
        if (max == 0) {
            setRange(getDefaultAutoRange(), false, false);
            return;
        }
        double lo = Math.log10(min);
        double hi = Math.log10(max);
        double span = hi - lo;
        if (span < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        } else {
            lo -= MARGIN * span;
            hi += MARGIN * span;
        }
        setRange(new Range(Math.pow(10, lo), Math.pow(10, hi)), false, false);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        return ticks(edge);
    }

    List<ValueTick> ticks(RectangleEdge edge) {
        TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
                : edge == RectangleEdge.BOTTOM ? TextAnchor.TOP_CENTER
                : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
        double lo = getLowerBound();
        double hi = getUpperBound();
        List<ValueTick> ticks = new ArrayList<>();
        if (!(lo > 0) || !(hi > lo) || Double.isInfinite(hi)) {
            return ticks;
        }
        int first = (int) Math.ceil(Math.log10(lo) - 1e-9);
        int last = (int) Math.floor(Math.log10(hi) + 1e-9);
        if (last - first >= 1) {
            int decades = last - first + 1;
            int step = 1;
            for (int s : new int[] {1, 2, 3, 4, 5, 10, 20, 25, 50, 100}) {
                step = s;
                if ((decades + s - 1) / s <= MAX_LABELS) {
                    break;
                }
            }
            for (int n = first - 1; n <= last; n++) {
                double v = Math.pow(10, n);
                if (n >= first && Math.floorMod(n, step) == 0) {
                    ticks.add(new LogTick(TickType.MAJOR, v, power(n), anchor));
                } else if (v >= lo && v <= hi) {
                    ticks.add(new LogTick(TickType.MINOR, v, null, anchor));
                }
                if (step == 1) {
                    for (int m = 2; m <= 9; m++) {
                        double mv = m * v;
                        if (mv >= lo && mv <= hi) {
                            ticks.add(new LogTick(TickType.MINOR, mv, null, anchor));
                        }
                    }
                }
            }
            return ticks;
        }
        // less than two decades: the first set of mantissas that gives at least four labels
        double[][] sets = {{1, 2, 5}, {1, 2, 3, 5}, {1, 2, 3, 4, 5, 6, 8}, {1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9}};
        List<Double> major = List.of();
        for (double[] set : sets) {
            major = values(lo, hi, set);
            if (major.size() >= 4) {
                break;
            }
        }
        if (major.size() < 3) {
            // a narrow range (a loss that moved by a few percent): evenly spaced round numbers, as a linear axis
            // would label it, so that the axis still reads
            major = linear(lo, hi);
        }
        List<Double> minor = values(lo, hi, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        for (double v : minor) {
            if (!major.contains(v)) {
                ticks.add(new NumberTick(TickType.MINOR, v, "", anchor, anchor, 0));
            }
        }
        for (double v : major) {
            ticks.add(new NumberTick(TickType.MAJOR, v, Ticks.pretty(v), anchor, anchor, 0));
        }
        return ticks;
    }

    /** 3 to 7 round values (1, 2 or 5 × 10^n apart) within [lo, hi]. */
    static List<Double> linear(double lo, double hi) {
        double span = hi - lo;
        int e = (int) Math.floor(Math.log10(span / 3));
        java.math.BigDecimal step = java.math.BigDecimal.ONE.scaleByPowerOfTen(e);
        for (int m : new int[] {1, 2, 5, 10}) {
            step = java.math.BigDecimal.valueOf(m).scaleByPowerOfTen(e);
            if (span / step.doubleValue() <= 6) {
                break;
            }
        }
        List<Double> out = new ArrayList<>();
        double st = step.doubleValue();
        for (long i = (long) Math.ceil(lo / st - 1e-9); i * st <= hi * (1 + 1e-12); i++) {
            out.add(java.math.BigDecimal.valueOf(i).multiply(step).doubleValue());
        }
        return out;
    }

    private static List<Double> values(double lo, double hi, double[] mantissas) {
        List<Double> out = new ArrayList<>();
        for (int n = (int) Math.floor(Math.log10(lo)); n <= (int) Math.ceil(Math.log10(hi)); n++) {
            for (double m : mantissas) {
                double v = Double.parseDouble(m + "e" + n); // exact decimal, so 0.3 is 0.3
                if (v >= lo && v <= hi) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** "10" with the exponent as a superscript. */
    private AttributedString power(int n) {
        String exp = n < 0 ? MINUS + (-n) : Integer.toString(n);
        AttributedString s = new AttributedString("10" + exp);
        s.addAttributes(getTickLabelFont().getAttributes(), 0, 2 + exp.length());
        s.addAttribute(TextAttribute.SUPERSCRIPT, TextAttribute.SUPERSCRIPT_SUPER, 2, 2 + exp.length());
        return s;
    }
}
