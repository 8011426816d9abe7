package org.l96.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
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
 * earlier one as in matplotlib (JFreeChart's own renderer draws all lines first, then all dots on top). A series'
 * dots are filled (in its colour, without outline) over its own line. Vertical plots only; no item entities or
 * labels (these charts are for files, not for interaction).
 *
 * <p>With bands, a first pass fills a translucent band between each item's start and end y for every series, under
 * all lines. Unlike JFreeChart's DeviationRenderer, a value that is not finite splits a band into pieces instead of
 * corrupting the whole polygon, and the axis range includes the bands.
 */
final class FigureRenderer extends XYLineAndShapeRenderer {

    private static final long serialVersionUID = 1L;

    /** Length of the stroke that draws a round dot, in chart units (1/100 inch). */
    private static final double DOT_LENGTH = 0.02;

    private final boolean bands;
    private final double alpha;
    private transient List<double[]> lower;
    private transient List<double[]> upper;
    private transient Path2D.Double dots;

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
        // the line, drawn as one path at the series' last item ...
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
                crosshairState, 0);
        // ... then the dots over it, all in one path: one call instead of one per dot is several times faster
        // for large scatters. A round dot is a tiny round-capped stroke, "x y m x y l" in a PDF instead of four
        // Bézier curves (a degenerate, zero-length stroke would vanish in some viewers, hence the tiny length).
        if (dots == null) {
            dots = new Path2D.Double();
        }
        if (item == state.getFirstItemIndex()) {
            dots.reset();
        }
        if (getItemVisible(series, item) && getItemShapeVisible(series, item)) {
            double x = dataset.getXValue(series, item);
            double y = dataset.getYValue(series, item);
            if (Double.isFinite(x) && Double.isFinite(y)) {
                double xx = domainAxis.valueToJava2D(x, dataArea, plot.getDomainAxisEdge());
                double yy = rangeAxis.valueToJava2D(y, dataArea, plot.getRangeAxisEdge());
                Shape shape = getItemShape(series, item);
                Rectangle2D b = shape.getBounds2D();
                if (Double.isFinite(xx) && Double.isFinite(yy) && dataArea.intersects(xx + b.getX(), yy + b.getY(),
                        b.getWidth(), b.getHeight())) {
                    if (round(shape)) {
                        dots.moveTo(xx - DOT_LENGTH / 2, yy);
                        dots.lineTo(xx + DOT_LENGTH / 2, yy);
                    } else {
                        dots.append(shape.getPathIterator(AffineTransform.getTranslateInstance(xx, yy)), false);
                    }
                }
            }
        }
        if (item == state.getLastItemIndex() && dots.getCurrentPoint() != null) {
            Shape shape = getItemShape(series, item);
            g2.setPaint(lookupSeriesPaint(series));
            if (round(shape)) {
                g2.setStroke(new BasicStroke((float) shape.getBounds2D().getWidth(), BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND));
                g2.draw(dots);
            } else {
                g2.fill(dots);
            }
            dots.reset();
        }
    }

    /** A circle centred on the origin, as {@link Figures} makes the dots. */
    private static boolean round(Shape shape) {
        return shape instanceof Ellipse2D e && e.getWidth() == e.getHeight()
                && Math.abs(e.getCenterX()) < 1e-9 && Math.abs(e.getCenterY()) < 1e-9;
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
