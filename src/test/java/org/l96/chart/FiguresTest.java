package org.l96.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;

class FiguresTest {

    private static final double[] TRAIN = {30, 20, 12.5, 8, 5.5, 4.1};
    private static final double[] VAL = {25, 17, 11, 7.5, 5.2, 4.3};

    // ------------------------------------------------------------------ helpers

    /** Draws the chart at 800 x 500 and returns the image with the plot's data area in {@code info}. */
    static BufferedImage draw(JFreeChart chart, ChartRenderingInfo info) {
        BufferedImage image = new BufferedImage(800, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 800, 500);
        chart.draw(g, new Rectangle2D.Double(0, 0, 800, 500), info);
        g.dispose();
        return image;
    }

    static int[] pixelOf(JFreeChart chart, ChartRenderingInfo info, double x, double y) {
        XYPlot plot = chart.getXYPlot();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        double px = plot.getDomainAxis().valueToJava2D(x, area, plot.getDomainAxisEdge());
        double py = plot.getRangeAxis().valueToJava2D(y, area, plot.getRangeAxisEdge());
        return new int[] {(int) Math.round(px), (int) Math.round(py)};
    }

    /** Whether a pixel within {@code r} of (px, py) has exactly (or, anti-aliased, nearly) this colour. */
    static boolean near(BufferedImage image, int[] p, int r, Color c) {
        for (int dx = -r; dx <= r; dx++) {
            for (int dy = -r; dy <= r; dy++) {
                int x = p[0] + dx;
                int y = p[1] + dy;
                if (x < 0 || y < 0 || x >= image.getWidth() || y >= image.getHeight()) {
                    continue;
                }
                Color q = new Color(image.getRGB(x, y));
                if (Math.abs(q.getRed() - c.getRed()) + Math.abs(q.getGreen() - c.getGreen())
                        + Math.abs(q.getBlue() - c.getBlue()) < 30) {
                    return true;
                }
            }
        }
        return false;
    }

    static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }

    static List<String> legendLabels(JFreeChart chart) {
        if (chart.getLegend() == null) {
            return List.of();
        }
        LegendItemCollection items = chart.getXYPlot().getLegendItems();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            labels.add(items.get(i).getLabel());
        }
        return labels;
    }

    static double[] ys(XYDataset d, int series) {
        double[] v = new double[d.getItemCount(series)];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.getYValue(series, i);
        }
        return v;
    }

    static double[] xs(XYDataset d, int series) {
        double[] v = new double[d.getItemCount(series)];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.getXValue(series, i);
        }
        return v;
    }

    // ------------------------------------------------------------------ loss curves

    @Test
    void lossCurvesHoldTrainingAndValidationLossPerEpoch() {
        JFreeChart chart = Figures.lossCurves("NetANN, 50 epochs", TRAIN, VAL);
        XYPlot plot = chart.getXYPlot();
        XYDataset d = plot.getDataset();
        assertEquals(2, d.getSeriesCount());
        assertEquals("Training loss", d.getSeriesKey(0).toString());
        assertEquals("Validation loss", d.getSeriesKey(1).toString());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, xs(d, 0));
        assertArrayEquals(TRAIN, ys(d, 0));
        assertArrayEquals(VAL, ys(d, 1));
        assertEquals(Palette.BLUE, plot.getRenderer().getSeriesPaint(0));
        assertEquals(Palette.RED, plot.getRenderer().getSeriesPaint(1));
        assertEquals(List.of("Training loss", "Validation loss"), legendLabels(chart));
        assertEquals("Epoch", plot.getDomainAxis().getLabel());
        assertEquals("Loss", plot.getRangeAxis().getLabel());
        assertEquals("NetANN, 50 epochs", chart.getTitle().getText());
        assertEquals(RectangleEdge.BOTTOM, chart.getLegend().getPosition());
    }

    @Test
    void lossCurvesAcceptUnequalLengthsOrNoValidation() {
        JFreeChart chart = Figures.lossCurves("", TRAIN, new double[] {9, 8});
        assertEquals(2, chart.getXYPlot().getDataset().getItemCount(1));
        assertNull(chart.getTitle(), "a blank title draws none");
        JFreeChart trainOnly = Figures.lossCurves("t", TRAIN, null);
        assertEquals(1, trainOnly.getXYPlot().getDataset().getSeriesCount());
        assertDoesNotThrow(() -> draw(trainOnly, null));
    }

    @Test
    void lossCurvesDrawTheirLinesInBlueAndRed() {
        JFreeChart chart = Figures.lossCurves("t", new double[] {10, 10, 10}, new double[] {5, 5, 5});
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = draw(chart, info);
        assertTrue(near(image, pixelOf(chart, info, 2.5, 10), 1, Palette.BLUE));
        assertTrue(near(image, pixelOf(chart, info, 2.5, 5), 1, Palette.RED));
    }

    // ------------------------------------------------------------------ LR range test

    @Test
    void lrRangeTestHasALogAxisAndMarksTheSuggestion() {
        double[] lrs = {1e-4, 1e-3, 1e-2, 1e-1, 1};
        double[] losses = {30, 29, 20, 10, 25};
        JFreeChart chart = Figures.lrRangeTest("LR range test", lrs, losses, 0.0316227766);
        XYPlot plot = chart.getXYPlot();
        assertInstanceOf(LogAxis.class, plot.getDomainAxis());
        assertEquals("Learning rate", plot.getDomainAxis().getLabel());
        assertEquals("Loss", plot.getRangeAxis().getLabel());
        XYDataset d = plot.getDataset();
        assertEquals(2, d.getSeriesCount());
        assertArrayEquals(lrs, xs(d, 0));
        assertArrayEquals(losses, ys(d, 0));
        // the dot sits on the curve: half-way (in log lr) between 20 and 10
        assertEquals(0.0316227766, d.getXValue(1, 0), 1e-12);
        assertEquals(15, d.getYValue(1, 0), 1e-6);
        assertEquals(List.of("steepest gradient: lr = 0.0316"), legendLabels(chart));
        Collection<?> markers = plot.getDomainMarkers(Layer.FOREGROUND);
        assertEquals(1, markers.size());
        assertEquals(0.0316227766, ((ValueMarker) markers.iterator().next()).getValue(), 1e-12);

        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = draw(chart, info);
        assertTrue(near(image, pixelOf(chart, info, 0.0316227766, 15), 1, Palette.RED));
        Rectangle2D area = info.getPlotInfo().getDataArea();
        assertTrue(plot.getDomainAxis().getLowerBound() <= 1e-4 && plot.getDomainAxis().getUpperBound() >= 1);
        assertTrue(area.getWidth() > 500);
    }

    @Test
    void lrRangeTestWithoutSuggestionHasNoLegendOrMarker() {
        JFreeChart chart = Figures.lrRangeTest("t", new double[] {1e-3, 1e-2, 1e-1}, new double[] {3, 2, 4},
                null);
        assertEquals(1, chart.getXYPlot().getDataset().getSeriesCount());
        assertNull(chart.getLegend());
        assertNull(chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND));
        assertDoesNotThrow(() -> draw(chart, null));
    }

    @Test
    void logAxisLabelsDecadesOrPlainNumbers() {
        PositiveLogAxis wide = new PositiveLogAxis("lr");
        wide.setRange(1e-7 * 0.8, 2.9);
        List<ValueTick> ticks = wide.ticks(RectangleEdge.BOTTOM);
        List<String> labels = ticks.stream().filter(t -> t.getTickType() == TickType.MAJOR)
                .map(t -> ((LogTick) t).getAttributedLabel())
                .map(FiguresTest::text).collect(Collectors.toList());
        assertEquals(List.of("10\u22127", "10\u22126", "10\u22125", "10\u22124", "10\u22123", "10\u22122",
                "10\u22121", "100"), labels); // "10" then the exponent as a superscript
        assertTrue(ticks.stream().anyMatch(t -> t.getTickType() == TickType.MINOR && t.getValue() == 2e-3));

        PositiveLogAxis narrow = new PositiveLogAxis("loss");
        narrow.setRange(1.8, 33);
        List<String> plain = narrow.ticks(RectangleEdge.LEFT).stream()
                .filter(t -> t.getTickType() == TickType.MAJOR).map(t -> ((NumberTick) t).getText())
                .collect(Collectors.toList());
        assertEquals(List.of("2", "5", "10", "20"), plain);

        // a loss that moved by a few percent (no mantissa set gives 3 labels): round numbers, evenly spaced
        PositiveLogAxis tight = new PositiveLogAxis("loss");
        tight.setRange(0.0312, 0.0358);
        List<String> close = tight.ticks(RectangleEdge.LEFT).stream()
                .filter(t -> t.getTickType() == TickType.MAJOR).map(t -> ((NumberTick) t).getText())
                .collect(Collectors.toList());
        assertEquals(List.of("0.032", "0.033", "0.034", "0.035"), close);
    }

    private static String text(java.text.AttributedString s) {
        StringBuilder b = new StringBuilder();
        var it = s.getIterator();
        for (char c = it.first(); c != java.text.CharacterIterator.DONE; c = it.next()) {
            b.append(c);
        }
        return b.toString();
    }

    @Test
    void logScaleKeepsLabelsAndRangesOverPositiveValues() {
        JFreeChart chart = Figures.logY(Figures.lines("t", "x", "y", List.of(
                Series.line("a", new double[] {1, 2, 3, 4}, new double[] {-1, 0, 10, 1000}))));
        ValueAxis y = chart.getXYPlot().getRangeAxis();
        assertInstanceOf(LogAxis.class, y);
        assertEquals("y", y.getLabel());
        assertDoesNotThrow(() -> draw(chart, null));
        assertTrue(y.getLowerBound() > 5 && y.getLowerBound() < 10, "lower " + y.getLowerBound());
        assertTrue(y.getUpperBound() > 1000 && y.getUpperBound() < 2000, "upper " + y.getUpperBound());
        assertTrue(Figures.logY(chart).getXYPlot().getRangeAxis() == y, "log twice is still log");
    }

    // ------------------------------------------------------------------ lines, styles, gaps

    @Test
    void seriesStylesColoursAndLegend() {
        double[] x = {0, 1, 2};
        JFreeChart chart = Figures.lines("GCM", "Time", "X", List.of(
                Series.line("Full L96", x, x),
                Series.points("NN 1 layer", x, x),
                new Series("No parameterization", x, x, Series.Style.DASHED),
                new Series("", x, x, Series.Style.LINE_AND_POINTS),
                new Series("Linear", x, x, Series.Style.LINE, Palette.I_PURPLE)));
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        assertEquals(Palette.BLUE, r.getSeriesPaint(0));
        assertEquals(Palette.ORANGE, r.getSeriesPaint(1));
        assertEquals(Palette.GREEN, r.getSeriesPaint(2));
        assertEquals(Palette.RED, r.getSeriesPaint(3));
        assertEquals(Palette.PURPLE, r.getSeriesPaint(4));
        assertTrue(r.getSeriesLinesVisible(0) && !r.getSeriesShapesVisible(0));
        assertTrue(!r.getSeriesLinesVisible(1) && r.getSeriesShapesVisible(1));
        assertNotNull(((BasicStroke) r.getSeriesStroke(2)).getDashArray());
        assertNull(((BasicStroke) r.getSeriesStroke(0)).getDashArray());
        assertTrue(r.getSeriesLinesVisible(3) && r.getSeriesShapesVisible(3));
        assertEquals(List.of("Full L96", "NN 1 layer", "No parameterization", "Linear"), legendLabels(chart),
                "an unlabelled series stays out of the legend");
    }

    @Test
    void laterSeriesAreDrawnOnTopAsInMatplotlib() {
        // the notebook's figure 3: the linear parameterization's red line lies over the NN's orange dots
        double[] x = new double[50];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i;
            y[i] = 5;
        }
        JFreeChart chart = Figures.lines("t", "x", "y", List.of(Series.line("a", x, new double[50]),
                Series.points("dots", x, y).withColour(Palette.I_ORANGE),
                Series.line("line", x, y).withColour(Palette.I_RED)));
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = draw(chart, info);
        int[] p = pixelOf(chart, info, 20, 5);
        Color c = new Color(image.getRGB(p[0], p[1]));
        assertTrue(distance(c, Palette.RED) < distance(c, Palette.ORANGE) / 3, "red line over orange dots: " + c);
        int[] dotEdge = {p[0], p[1] - 2};
        assertTrue(near(image, dotEdge, 0, Palette.ORANGE), "the dot shows around the line");
    }

    @Test
    void nanAndInfinityLeaveGapsAndDoNotStretchTheAxes() {
        double[] x = new double[101];
        double[] y = new double[101];
        for (int i = 0; i <= 100; i++) {
            x[i] = i / 10.0;
            y[i] = i >= 40 && i <= 60 ? Double.NaN : 1;
        }
        y[100] = Double.POSITIVE_INFINITY;
        double[] unstable = {1, 2, Double.NEGATIVE_INFINITY, Double.NaN};
        JFreeChart chart = Figures.lines("gaps", "t", "X", List.of(Series.line("gappy", x, y),
                Series.line("unstable", new double[] {0, 1, 2, 3}, unstable),
                Series.line("all NaN", new double[] {0, 1}, new double[] {Double.NaN, Double.NaN})));
        XYDataset d = chart.getXYPlot().getDataset();
        assertTrue(Double.isNaN(d.getYValue(0, 100)), "infinity is stored as a gap");
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = assertDoesNotThrow(() -> draw(chart, info));
        ValueAxis yAxis = chart.getXYPlot().getRangeAxis();
        assertTrue(yAxis.getUpperBound() < 3 && yAxis.getLowerBound() > 0, "range " + yAxis.getRange());
        assertTrue(near(image, pixelOf(chart, info, 2, 1), 1, Palette.BLUE), "line before the gap");
        assertFalse(near(image, pixelOf(chart, info, 5, 1), 2, Palette.BLUE), "no line in the gap");
        assertTrue(near(image, pixelOf(chart, info, 8, 1), 1, Palette.BLUE), "line after the gap");
    }

    @Test
    void emptyAndAllNaNChartsRender() {
        assertDoesNotThrow(() -> draw(Figures.lines("empty", "x", "y", List.of()), null));
        assertDoesNotThrow(() -> draw(Figures.scatter("nan", "x", "y", new double[] {Double.NaN},
                new double[] {Double.NaN}), null));
        assertDoesNotThrow(() -> draw(Figures.lossCurves("nan", new double[] {Double.NaN, Double.NaN},
                new double[0]), null));
        assertDoesNotThrow(() -> draw(Figures.lrRangeTest("nan", new double[] {Double.NaN, 0, -1},
                new double[] {1, 2, 3}, 1e-3), null));
    }

    @Test
    void scatterIsOneSeriesOfDotsWithoutLegend() {
        double[] x = {1, 2, 3};
        double[] y = {-1, -2, -3};
        JFreeChart chart = Figures.scatter("One batch", "State", "Subgrid tendency", x, y);
        XYPlot plot = chart.getXYPlot();
        assertEquals(1, plot.getDataset().getSeriesCount());
        assertArrayEquals(y, ys(plot.getDataset(), 0));
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        assertFalse(r.getSeriesLinesVisible(0));
        assertTrue(r.getSeriesShapesVisible(0));
        assertNull(chart.getLegend());
        assertEquals("State", plot.getDomainAxis().getLabel());
        assertEquals("Subgrid tendency", plot.getRangeAxis().getLabel());
    }

    @Test
    void dotsAreDrawnAtTheirPoints() {
        double[] x = {1, 2, 3, Double.NaN};
        double[] y = {1, 3, 2, 5};
        JFreeChart chart = Figures.scatter("s", "x", "y", x, y);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = draw(chart, info);
        for (int i = 0; i < 3; i++) {
            int[] p = pixelOf(chart, info, x[i], y[i]);
            assertEquals(Palette.BLUE.getRGB(), image.getRGB(p[0], p[1]) | 0xff000000, "dot " + i);
        }
        assertFalse(near(image, pixelOf(chart, info, 1.5, 2), 3, Palette.BLUE), "no line between dots");
    }

    @Test
    void functionSamplesTheWholeInterval() {
        JFreeChart chart = Figures.function("ReLU", "x", "ReLU(x)", -2, 2, v -> Math.max(0, v));
        XYDataset d = chart.getXYPlot().getDataset();
        int n = d.getItemCount(0);
        assertEquals(1001, n);
        assertEquals(-2, d.getXValue(0, 0));
        assertEquals(2, d.getXValue(0, n - 1));
        assertEquals(0, d.getYValue(0, 250), 1e-12);
        assertEquals(0, d.getYValue(0, 500), 1e-12);
        assertEquals(2, d.getYValue(0, n - 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Figures.function("f", "x", "y", 1, 1, v -> v));
    }

    @Test
    void lrScheduleAndTheLinesShortcuts() {
        JFreeChart s = Figures.lrSchedule("schedule", new double[] {0.1, 0.2, 0.3});
        assertArrayEquals(new double[] {1, 2, 3}, xs(s.getXYPlot().getDataset(), 0));
        assertEquals("Iteration", s.getXYPlot().getDomainAxis().getLabel());
        assertEquals("Learning rate", s.getXYPlot().getRangeAxis().getLabel());
        assertInstanceOf(LogAxis.class, Figures.lrSchedule("s", new double[] {1e-3, 1e-2}, true).getXYPlot()
                .getRangeAxis());

        double[] x = {0, 1};
        JFreeChart pdf = Figures.histogramPdfs("PDF of X", "X", List.of(Series.line("truth", x, x)));
        assertEquals("Probability density", pdf.getXYPlot().getRangeAxis().getLabel());
        JFreeChart acf = Figures.autocorrelation("ACF", "Lag", List.of(Series.line("truth", x, x)));
        assertEquals("Autocorrelation", acf.getXYPlot().getRangeAxis().getLabel());
        Collection<?> zero = acf.getXYPlot().getRangeMarkers(Layer.FOREGROUND);
        assertEquals(0.0, ((ValueMarker) zero.iterator().next()).getValue());
    }

    // ------------------------------------------------------------------ bands

    @Test
    void bandsHoldTheirIntervalsAndWidenTheAxis() {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {0, 1, 2, Double.NaN, 3};
        double[] lo = {-1, 0.5, 1.5, 2, 2.5};
        double[] hi = {1, 1.5, 9, 4, 3.5};
        JFreeChart chart = Figures.withBand("RMSE", "Lead time", "RMSE", List.of(
                new BandSeries("NN", x, y, lo, hi), new BandSeries("", x, x, x, x, Palette.I_GREEN)));
        XYPlot plot = chart.getXYPlot();
        IntervalXYDataset d = (IntervalXYDataset) plot.getDataset();
        assertEquals(2, d.getSeriesCount());
        assertEquals(1.5, d.getStartYValue(0, 2));
        assertEquals(9, d.getEndYValue(0, 2));
        assertTrue(Double.isNaN(d.getYValue(0, 3)));
        assertEquals(Palette.GREEN, plot.getRenderer().getSeriesPaint(1));
        assertEquals(List.of("NN"), legendLabels(chart));
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = draw(chart, info);
        assertTrue(plot.getRangeAxis().getUpperBound() >= 9 && plot.getRangeAxis().getLowerBound() <= -1);
        // inside the band, away from the line: a light tint of blue
        int[] p = pixelOf(chart, info, 2, 6);
        Color c = new Color(image.getRGB(p[0], p[1]));
        assertTrue(c.getBlue() > c.getRed() && c.getRed() < 250 && c.getRed() > 150, "band tint " + c);
        int[] outside = pixelOf(chart, info, 0.5, 7);
        assertEquals(Color.WHITE.getRGB(), image.getRGB(outside[0], outside[1]) | 0xff000000);
    }

    @Test
    void bandSeriesValidatesLengths() {
        assertThrows(IllegalArgumentException.class, () -> new BandSeries("b", new double[2], new double[2],
                new double[1], new double[2]));
    }

    // ------------------------------------------------------------------ heat map

    @Test
    void heatmapPutsZRowsOnTheYValues() {
        double[] lrs = {1e-3, 1e-2, 1e-1};
        double[] widths = {8, 16};
        double[][] z = {{1, 2, 3}, {4, Double.NaN, 6}};
        JFreeChart chart = Figures.heatmap("Sweep", "Learning rate", "Hidden units", lrs, widths, z,
                "Validation MSE");
        XYPlot plot = chart.getXYPlot();
        XYZDataset d = (XYZDataset) plot.getDataset();
        assertEquals(6, d.getItemCount(0));
        for (int k = 0; k < 6; k++) {
            int i = (int) d.getXValue(0, k);
            int j = (int) d.getYValue(0, k);
            double expected = z[j][i];
            assertEquals(expected, d.getZValue(0, k), 0.0, "cell " + i + "," + j);
        }
        assertInstanceOf(XYBlockRenderer.class, plot.getRenderer());
        PaintScaleLegend bar = (PaintScaleLegend) chart.getSubtitles().stream()
                .filter(t -> t instanceof PaintScaleLegend).findFirst().orElseThrow();
        assertEquals("Validation MSE", bar.getAxis().getLabel());
        assertEquals(1, bar.getScale().getLowerBound());
        assertEquals(6, bar.getScale().getUpperBound());
        assertEquals(HeatScale.MISSING, bar.getScale().getPaint(Double.NaN));
        assertEquals("0.001", ((org.jfree.chart.axis.SymbolAxis) plot.getDomainAxis()).getSymbols()[0]);
        assertDoesNotThrow(() -> draw(chart, null));
    }

    @Test
    void heatmapRejectsATransposedGrid() {
        double[][] transposed = {{1, 4}, {2, 5}, {3, 6}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Figures.heatmap("s", "x",
                "y", new double[] {1, 2, 3}, new double[] {1, 2}, transposed, "z"));
        assertTrue(e.getMessage().contains("z[j][i]"), e.getMessage());
    }

    @Test
    void heatmapOfOneValueOrNoValues() {
        assertDoesNotThrow(() -> draw(Figures.heatmap("s", "x", "y", new double[] {1}, new double[] {1},
                new double[][] {{3}}, "z"), null));
        assertDoesNotThrow(() -> draw(Figures.heatmap("s", "x", "y", new double[] {1, 2}, new double[] {1},
                new double[][] {{Double.NaN, Double.NaN}}, "z"), null));
    }

    // ------------------------------------------------------------------ series, ticks, palette

    @Test
    void seriesCopiesAndValidates() {
        double[] x = {1, 2};
        double[] y = {3, 4};
        Series s = Series.line("s", x, y);
        x[0] = 99;
        y[0] = 99;
        assertArrayEquals(new double[] {1, 2}, s.x());
        assertArrayEquals(new double[] {3, 4}, s.y());
        s.x()[1] = 42;
        assertEquals(2, s.x()[1]);
        assertEquals(s, Series.line("s", new double[] {1, 2}, new double[] {3, 4}));
        assertThrows(IllegalArgumentException.class, () -> Series.line("bad", new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Series.line("bad", x, y).withColour(-2));
        assertEquals("", new Series(null, x, y, Series.Style.LINE).label());
    }

    @Test
    void prettyNumbers() {
        assertEquals("0.014", Ticks.pretty(0.014));
        assertEquals("2.9", Ticks.pretty(2.9));
        assertEquals("0.01", Ticks.pretty(0.01));
        assertEquals("1\u00d710\u207b\u2074", Ticks.pretty(1e-4));
        assertEquals("1.5\u00d710\u2075", Ticks.pretty(1.5e5));
        assertEquals("\u22120.5", Ticks.pretty(-0.5));
        assertEquals("64", Ticks.pretty(64));
        assertEquals("0", Ticks.pretty(0));
    }

    @Test
    void tickLabelsHaveTheDecimalsTheirStepNeeds() {
        org.jfree.chart.axis.TickUnitSource units = Ticks.decimal();
        assertEquals("25", units.getCeilingTickUnit(25).valueToString(25));
        assertEquals("2.5", units.getCeilingTickUnit(2.5).valueToString(2.5));
        assertEquals("0.25", units.getCeilingTickUnit(0.25).valueToString(0.25));
        assertEquals("\u221210", units.getCeilingTickUnit(5).valueToString(-10));
        assertEquals("0.002", units.getCeilingTickUnit(0.002).valueToString(0.002));
        assertEquals("2e7", units.getCeilingTickUnit(2e7).valueToString(2e7));
        assertEquals("1000", Ticks.integer().getCeilingTickUnit(1000).valueToString(1000));
    }

    @Test
    void paletteIsTab10() {
        assertEquals(new Color(0x1f77b4), Palette.colour(0));
        assertEquals(new Color(0xff7f0e), Palette.colour(1));
        assertEquals(new Color(0x2ca02c), Palette.colour(2));
        assertEquals(new Color(0xd62728), Palette.colour(3));
        assertEquals(new Color(0x9467bd), Palette.colour(4));
        assertEquals(Palette.colour(0), Palette.colour(Palette.SIZE));
    }

    @Test
    void legendItemsShowDotsForPointSeries() {
        double[] x = {0, 1};
        JFreeChart chart = Figures.lines("t", "x", "y", List.of(Series.points("dots", x, x),
                Series.line("line", x, x)));
        LegendItem dots = chart.getXYPlot().getLegendItems().get(0);
        LegendItem line = chart.getXYPlot().getLegendItems().get(1);
        assertTrue(dots.isShapeVisible() && !dots.isLineVisible());
        assertTrue(line.isLineVisible() && !line.isShapeVisible());
    }

    @Test
    void markersAreOnlyOnTheLrChart() {
        JFreeChart chart = Figures.lossCurves("t", TRAIN, VAL);
        Collection<Marker> m = chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND);
        assertNull(m);
    }
}
