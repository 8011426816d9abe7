package org.l96.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * Lines and dots drawn series by series, each complete before the next, so a later series lies on top of an
 * earlier one as in matplotlib (JFreeChart's own renderer draws all lines first, then all dots on top).
 *
 * <p>With bands, a first pass fills a translucent band between each item's start and end y for every series, under
 * all lines. Unlike JFreeChart's DeviationRenderer, a value that is not finite splits a band into pieces instead of
 * corrupting the whole polygon, and the axis range includes the bands.
 */
final class FigureRenderer extends XYLineAndShapeRenderer {

    private static final long serialVersionUID = 1L;

    private final boolean bands;
    private final double alpha;
    private transient List<double[]> lower;
    private transient List<double[]> upper;

    /** Lines and dots only. */
    FigureRenderer() {
        this(false, 0);
    }

    /** With bands of the given opacity when {@code bands}. */
    FigureRenderer(boolean bands, double alpha) {
        super(true, false);
        this.bands = bands;
        this.alpha = alpha;
    }

    boolean hasBands() {
        return bands;
    }

    @Override
    public int getPassCount() {
        return bands ? 2 : 1;
    }

    @Override
    public Range findRangeBounds(XYDataset dataset) {
        return findRangeBounds(dataset, bands);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        if (bands && pass == 0) {
            band(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, series, item);
            return;
        }
        // the line (drawn as one path at the series' last item), then this item's dot
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
                crosshairState, 0);
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
                crosshairState, 1);
    }

    private void band(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, XYPlot plot,
            ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item) {
        if (!getItemVisible(series, item) || !(dataset instanceof IntervalXYDataset d)) {
            return;
        }
        if (lower == null) {
            lower = new ArrayList<>();
            upper = new ArrayList<>();
        }
        if (item == state.getFirstItemIndex()) {
            lower.clear();
            upper.clear();
        }
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        double x = d.getXValue(series, item);
        double lo = d.getStartYValue(series, item);
        double hi = d.getEndYValue(series, item);
        if (Double.isFinite(x) && Double.isFinite(lo) && Double.isFinite(hi)) {
            double xx = domainAxis.valueToJava2D(x, dataArea, xEdge);
            lower.add(new double[] {xx, rangeAxis.valueToJava2D(lo, dataArea, yEdge)});
            upper.add(new double[] {xx, rangeAxis.valueToJava2D(hi, dataArea, yEdge)});
        } else {
            fill(g2, series);
        }
        if (item == state.getLastItemIndex()) {
            fill(g2, series);
        }
    }

    private void fill(Graphics2D g2, int series) {
        if (lower.size() >= 2) {
            Path2D.Double area = new Path2D.Double(Path2D.WIND_NON_ZERO, 2 * lower.size() + 1);
            area.moveTo(lower.get(0)[0], lower.get(0)[1]);
            for (int i = 1; i < lower.size(); i++) {
                area.lineTo(lower.get(i)[0], lower.get(i)[1]);
            }
            for (int i = upper.size() - 1; i >= 0; i--) {
                area.lineTo(upper.get(i)[0], upper.get(i)[1]);
            }
            area.closePath();
            Paint p = lookupSeriesPaint(series);
            g2.setPaint(p instanceof Color c ? Palette.withAlpha(c, alpha) : p);
            g2.fill(area);
        }
        lower.clear();
        upper.clear();
    }
}
