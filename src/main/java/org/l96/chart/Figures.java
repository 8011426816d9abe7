package org.l96.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The figures of an experiment, all in one style: white background, light grid, print-size fonts, the legend
 * below the plot, and the colour cycle of {@link Palette} (matplotlib's tab10). Each factory returns a
 * {@link JFreeChart}; {@link ChartFiles#write} saves it as PNG and PDF.
 *
 * <p>Inputs are plain arrays. Values that are not finite (an unstable run's NaN or infinity) are left out, as gaps
 * in lines. Series are drawn in list order, later ones on top, as matplotlib does.
 *
 * <p>Sizes (fonts, strokes, dots) are in chart units of 1/100 inch at the default 800 × 500 size of
 * {@link ChartFiles}: axis labels of 16 units are 11.5 pt on the 8-inch printed figure. A chart, like any
 * JFreeChart, must not be drawn by two threads at once; different charts may be drawn in parallel.
 */
public final class Figures {

    static {
        ChartFiles.headless();
    }

    static final String FONT_FAMILY = Font.SANS_SERIF;
    static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.PLAIN, 19);
    static final Font LABEL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 16);
    static final Font TICK_FONT = new Font(FONT_FAMILY, Font.PLAIN, 13);
    static final Font LEGEND_FONT = new Font(FONT_FAMILY, Font.PLAIN, 14);
    static final Font CELL_FONT = new Font(FONT_FAMILY, Font.PLAIN, 12);
    static final Color TEXT = new Color(0x222222);
    static final Color FRAME = new Color(0x444444);
    static final Color GRID = new Color(0xe3e3e3);

    static final float LINE_WIDTH = 1.8f;
    static final double DOT = 4.5;          // diameter of a POINTS dot, in chart units (1/100 inch)
    static final double LEGEND_DOT = 8;
    static final double MARKER_DOT = 10;    // the LR suggestion
    static final double BAND_ALPHA = 0.22;
    /** Heat maps write each cell's value into it up to this many cells. */
    static final int MAX_ANNOTATED_CELLS = 120;

    /** Loss curves of up to this many epochs get a dot per epoch. */
    static final int DOTS_UP_TO_EPOCHS = 20;

    private Figures() {
    }

    // ------------------------------------------------------------------ figures

    /** Many small dots, y against x, no legend (the notebook's figure 1: state against subgrid tendency). */
    public static JFreeChart scatter(String title, String xLabel, String yLabel, double[] x, double[] y) {
        return lines(title, xLabel, yLabel, List.of(new Series("", x, y, Series.Style.POINTS)));
    }

    /**
     * Any number of series, each a line, dots, line with dots or dashed line (figures 2, 3, 6, 7: predicted
     * against true over time, trajectories of truth and parameterizations). Series with a label are in the legend.
     */
    public static JFreeChart lines(String title, String xLabel, String yLabel, List<Series> series) {
        Objects.requireNonNull(series, "series");
        ArrayDataset data = new ArrayDataset();
        FigureRenderer renderer = new FigureRenderer();
        configure(renderer);
        for (int i = 0; i < series.size(); i++) {
            Series s = Objects.requireNonNull(series.get(i), "series " + i);
            data.add(s.label(), s.rawX(), s.rawY(), null, null);
            style(renderer, i, s.style(), Palette.colour(s.colour() == Series.AUTO ? i : s.colour()),
                    !s.label().isBlank());
        }
        XYPlot plot = plot(xLabel, yLabel);
        plot.setDataset(data);
        plot.setRenderer(renderer);
        return chart(title, plot, series.stream().anyMatch(s -> !s.label().isBlank()));
    }

    /** A function sampled at 1001 points of [from, to] (figure 4: the ReLU). */
    public static JFreeChart function(String title, String xLabel, String yLabel, double from, double to,
            DoubleUnaryOperator f) {
        if (!(to > from)) {
            throw new IllegalArgumentException("function range [" + from + ", " + to + "]");
        }
        int n = 1001;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i == n - 1 ? to : from + (to - from) * i / (n - 1);
            y[i] = f.applyAsDouble(x[i]);
        }
        return lines(title, xLabel, yLabel, List.of(Series.line("", x, y)));
    }

    /**
     * Training (blue) and validation (red) loss per epoch, epochs 1..n on x (figures 5, 8, 9, 10, 12). The two
     * arrays may differ in length; validation may be null or empty for training loss alone.
     */
    public static JFreeChart lossCurves(String title, double[] trainLoss, double[] valLoss) {
        Objects.requireNonNull(trainLoss, "trainLoss");
        int epochs = Math.max(trainLoss.length, valLoss == null ? 0 : valLoss.length);
        Series.Style style = epochs <= DOTS_UP_TO_EPOCHS ? Series.Style.LINE_AND_POINTS : Series.Style.LINE;
        List<Series> series = new java.util.ArrayList<>();
        series.add(new Series("Training loss", Series.oneTo(trainLoss.length), trainLoss, style, Palette.I_BLUE));
        if (valLoss != null && valLoss.length > 0) {
            series.add(new Series("Validation loss", Series.oneTo(valLoss.length), valLoss, style, Palette.I_RED));
        }
        JFreeChart chart = lines(title, "Epoch", "Loss", series);
        integerTicks(chart.getXYPlot().getDomainAxis());
        return chart;
    }

    /**
     * Loss curves of a training whose loss stopped being finite: each curve drawn up to its last finite epoch (the
     * epochs keep their numbers), and {@code note} in red under the title, e.g. "diverged at epoch 3: training loss
     * NaN (not drawn from there)". With no finite value at all the plot is empty and the note says why.
     */
    public static JFreeChart lossCurves(String title, double[] trainLoss, double[] valLoss, String note) {
        return lossCurves(title, trainLoss, valLoss, note, null, false);
    }

    /**
     * {@link #lossCurves(String, double[], double[], String)}, with the epoch whose weights early stopping restored
     * marked (a large dot on the validation curve, "restored epoch 12" in the legend, and a dotted vertical line)
     * when {@code restoredEpoch} is not null, and the loss axis base-10 logarithmic when {@code logY}.
     */
    public static JFreeChart lossCurves(String title, double[] trainLoss, double[] valLoss, String note,
            Integer restoredEpoch, boolean logY) {
        double[] train = java.util.Arrays.copyOf(trainLoss, finitePrefix(trainLoss));
        double[] val = valLoss == null ? null : java.util.Arrays.copyOf(valLoss, finitePrefix(valLoss));
        JFreeChart chart = lossCurves(title, train, val);
        if (restoredEpoch != null && restoredEpoch >= 1) {
            double[] curve = val != null && val.length >= restoredEpoch ? val : train;
            double y = curve.length >= restoredEpoch ? curve[restoredEpoch - 1] : Double.NaN;
            XYPlot plot = chart.getXYPlot();
            ArrayDataset data = (ArrayDataset) plot.getDataset();
            int i = data.getSeriesCount();
            data.add("restored epoch " + restoredEpoch, new double[] {restoredEpoch}, new double[] {y}, null, null);
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
            style(r, i, Series.Style.POINTS, Palette.RED, true);
            r.setSeriesShape(i, dot(MARKER_DOT));
            r.setLegendShape(i, dot(MARKER_DOT));
            plot.addDomainMarker(new ValueMarker(restoredEpoch, Palette.RED, new BasicStroke(1.2f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f)));
        }
        if (note != null && !note.isBlank()) {
            note(chart, note);
        }
        return logY ? logY(chart) : chart;
    }

    /**
     * One network's losses for {@link #lossComparison}: training and validation loss per epoch (either may be empty;
     * values that are not finite end the curve), its colour index in {@link Palette}, and the epoch whose weights
     * early stopping restored (1-based position in the curves), or null when the network kept its last epoch.
     */
    public record LossRun(String name, double[] trainLoss, double[] valLoss, int colour, Integer restoredEpoch) {
        public LossRun {
            Objects.requireNonNull(name, "name");
            trainLoss = trainLoss == null ? new double[0] : trainLoss.clone();
            valLoss = valLoss == null ? new double[0] : valLoss.clone();
        }
    }

    /**
     * Several networks' losses on one chart, epochs 1..n on x: each network in its own colour, validation loss
     * solid, training loss dashed, and where early stopping restored an earlier epoch's weights a large dot on the
     * validation curve at that epoch ("ann: restored epoch 12") and a dotted vertical line in the network's colour.
     * With {@code logY} the loss axis is base-10 logarithmic (losses that fall by decades stay readable).
     */
    public static JFreeChart lossComparison(String title, List<LossRun> runs, boolean logY) {
        Objects.requireNonNull(runs, "runs");
        int epochs = runs.stream().mapToInt(r -> Math.max(r.trainLoss().length, r.valLoss().length)).max().orElse(0);
        boolean dots = epochs <= DOTS_UP_TO_EPOCHS;
        List<Series> series = new java.util.ArrayList<>();
        List<Integer> markers = new java.util.ArrayList<>();
        boolean one = runs.size() == 1;
        for (LossRun r : runs) {
            double[] val = java.util.Arrays.copyOf(r.valLoss(), finitePrefix(r.valLoss()));
            double[] train = java.util.Arrays.copyOf(r.trainLoss(), finitePrefix(r.trainLoss()));
            String prefix = one ? "" : r.name() + ": ";
            if (val.length > 0) {
                series.add(new Series(prefix + "validation loss", Series.oneTo(val.length), val,
                        dots ? Series.Style.LINE_AND_POINTS : Series.Style.LINE, r.colour()));
            }
            if (train.length > 0) {
                series.add(new Series(prefix + "training loss", Series.oneTo(train.length), train,
                        Series.Style.DASHED, r.colour()));
            }
            Integer at = r.restoredEpoch();
            if (at != null && at >= 1) {
                double[] curve = val.length >= at ? val : train;
                double y = curve.length >= at ? curve[at - 1] : Double.NaN;
                markers.add(series.size());
                series.add(new Series(prefix + "restored epoch " + at, new double[] {at}, new double[] {y},
                        Series.Style.POINTS, r.colour()));
            }
        }
        JFreeChart chart = lines(title, "Epoch", "Loss", series);
        XYPlot plot = chart.getXYPlot();
        integerTicks(plot.getDomainAxis());
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i : markers) {
            Shape big = dot(MARKER_DOT);
            renderer.setSeriesShape(i, big);
            renderer.setLegendShape(i, big);
            ValueMarker line = new ValueMarker(series.get(i).x()[0], Palette.colour(series.get(i).colour()),
                    new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f},
                            0f));
            plot.addDomainMarker(line);
        }
        return logY ? logY(chart) : chart;
    }

    /**
     * Colour = value over a regular grid of x (columns, e.g. time) and y (rows, e.g. k): a Hovmöller diagram.
     * {@code z[j][i]} is the value at {@code (x[i], y[j])}; x and y must be evenly spaced (each cell is centred on
     * its value and as wide as the spacing). Several panels share the x axis and one colour scale (viridis, over
     * the finite values of the first panel, the reference: a coarse run that grows without bound before it blows up
     * takes the end colours instead of washing out the scale), so that panels compare by colour; a value that is not
     * finite is grey.
     *
     * @param panels one titled grid per panel, drawn top to bottom
     */
    public static JFreeChart hovmoller(String title, String xLabel, String yLabel, double[] x, double[] y,
            List<Map.Entry<String, double[][]>> panels, String zLabel) {
        if (x.length == 0 || y.length == 0 || panels.isEmpty()) {
            throw new IllegalArgumentException("a Hovmöller chart needs x and y values and at least one panel");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double allLo = Double.POSITIVE_INFINITY;
        double allHi = Double.NEGATIVE_INFINITY;
        for (var p : panels) {
            boolean reference = p == panels.get(0);
            double[][] z = p.getValue();
            if (z.length != y.length) {
                throw new IllegalArgumentException("panel '" + p.getKey() + "' has " + z.length + " rows, not "
                        + y.length);
            }
            for (double[] row : z) {
                if (row.length != x.length) {
                    throw new IllegalArgumentException("panel '" + p.getKey() + "' has a row of " + row.length
                            + " values, not " + x.length);
                }
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        allLo = Math.min(allLo, v);
                        allHi = Math.max(allHi, v);
                        if (reference) {
                            lo = Math.min(lo, v);
                            hi = Math.max(hi, v);
                        }
                    }
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) { // no finite reference: the range of the others
            lo = allLo;
            hi = allHi;
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = 0;
            hi = 1;
        } else if (hi <= lo) {
            hi = lo + 1;
        }
        HeatScale scale = new HeatScale(lo, hi);
        double dx = x.length > 1 ? (x[x.length - 1] - x[0]) / (x.length - 1) : 1;
        double dy = y.length > 1 ? (y[y.length - 1] - y[0]) / (y.length - 1) : 1;
        NumberAxis xAxis = new TidyNumberAxis(xLabel);
        styleAxis(xAxis);
        xAxis.setStandardTickUnits(Ticks.decimal());
        xAxis.setAutoRange(false);
        xAxis.setRange(x[0] - dx / 2, x[x.length - 1] + dx / 2);
        org.jfree.chart.plot.CombinedDomainXYPlot combined = new org.jfree.chart.plot.CombinedDomainXYPlot(xAxis);
        combined.setGap(10);
        for (var p : panels) {
            double[][] cells = new double[3][x.length * y.length];
            for (int j = 0; j < y.length; j++) {
                for (int i = 0; i < x.length; i++) {
                    int c = j * x.length + i;
                    cells[0][c] = x[i];
                    cells[1][c] = y[j];
                    double v = p.getValue()[j][i];
                    cells[2][c] = Double.isFinite(v) ? v : Double.NaN;
                }
            }
            DefaultXYZDataset data = new DefaultXYZDataset();
            data.addSeries(p.getKey(), cells);
            XYBlockRenderer renderer = new XYBlockRenderer();
            renderer.setBlockWidth(dx);
            renderer.setBlockHeight(dy);
            renderer.setBlockAnchor(RectangleAnchor.CENTER);
            renderer.setPaintScale(scale);
            renderer.setDefaultSeriesVisibleInLegend(false);
            // the axis says only what y is: a panel's name (long for an unstable scheme) would run, turned on its
            // side, past the panel's height into the other's; it goes in the panel's corner instead
            NumberAxis yAxis = new TidyNumberAxis(yLabel);
            styleAxis(yAxis);
            yAxis.setStandardTickUnits(Ticks.integer());
            yAxis.setAutoRange(false);
            yAxis.setRange(y[0] - dy / 2, y[y.length - 1] + dy / 2);
            XYPlot plot = new XYPlot(data, null, yAxis, renderer);
            stylePlot(plot);
            plot.setDomainGridlinesVisible(false);
            plot.setRangeGridlinesVisible(false);
            TextTitle name = new TextTitle(p.getKey(), LEGEND_FONT);
            name.setPaint(TEXT);
            name.setBackgroundPaint(new Color(255, 255, 255, 210));
            name.setPadding(new RectangleInsets(1, 4, 1, 4));
            plot.addAnnotation(new org.jfree.chart.annotations.XYTitleAnnotation(0.005, 0.99, name,
                    RectangleAnchor.TOP_LEFT));
            combined.add(plot, 1);
        }
        stylePlot(combined);
        JFreeChart chart = chart(title, combined, false);
        chart.addSubtitle(colourBar(scale, zLabel, lo, hi));
        return chart;
    }

    private static PaintScaleLegend colourBar(HeatScale scale, String zLabel, double lo, double hi) {
        NumberAxis zAxis = new TidyNumberAxis(zLabel);
        styleAxis(zAxis);
        zAxis.setStandardTickUnits(Ticks.decimal());
        zAxis.setRange(new Range(lo, hi));
        zAxis.setTickMarksVisible(false); // beside the labels they read as minus signs
        PaintScaleLegend bar = new PaintScaleLegend(scale, zAxis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        bar.setStripWidth(16);
        bar.setStripOutlineVisible(true);
        bar.setStripOutlinePaint(FRAME);
        bar.setSubdivisionCount(256);
        bar.setAxisOffset(4);
        bar.setMargin(new RectangleInsets(6, 10, 6, 0));
        bar.setBackgroundPaint(Color.WHITE);
        return bar;
    }

    /** A line of red text under the title: what the figure does not show, and why. */
    public static void note(JFreeChart chart, String text) {
        TextTitle t = new TextTitle(text, LEGEND_FONT);
        t.setPaint(new Color(0xa61b0f));
        t.setPosition(RectangleEdge.TOP);
        t.setMargin(new RectangleInsets(0, 0, 6, 0));
        chart.addSubtitle(0, t);
    }

    /** How many values from the start are finite. */
    static int finitePrefix(double[] values) {
        int n = 0;
        while (n < values.length && Double.isFinite(values[n])) {
            n++;
        }
        return n;
    }

    /**
     * Loss against learning rate of an LR range test, on a log x axis (figure 11). The suggestion, when not null,
     * is a red dot on the curve, named with its value in the legend, and a dashed vertical line.
     */
    public static JFreeChart lrRangeTest(String title, double[] lrs, double[] losses, Double suggestedLr) {
        List<Series> series = new java.util.ArrayList<>();
        series.add(new Series("", lrs, losses, Series.Style.LINE, Palette.I_BLUE));
        boolean suggest = suggestedLr != null && suggestedLr > 0 && Double.isFinite(suggestedLr);
        if (suggest) {
            double at = lossAt(lrs, losses, suggestedLr);
            series.add(new Series("steepest gradient: lr = " + Ticks.pretty(suggestedLr),
                    new double[] {suggestedLr}, new double[] {at}, Series.Style.POINTS, Palette.I_RED));
        }
        JFreeChart chart = lines(title, "Learning rate", "Loss", series);
        logX(chart);
        XYPlot plot = chart.getXYPlot();
        if (suggest) {
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
            Shape big = dot(MARKER_DOT);
            r.setSeriesShape(1, big);
            r.setLegendShape(1, big);
            ValueMarker line = new ValueMarker(suggestedLr, Palette.RED, new BasicStroke(1.2f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            line.setAlpha(0.8f);
            plot.addDomainMarker(line);
        }
        return chart;
    }

    /** Learning rate per iteration (1..n) of a schedule, on a linear axis. */
    public static JFreeChart lrSchedule(String title, double[] lrPerIteration) {
        return lrSchedule(title, lrPerIteration, false);
    }

    /** Learning rate per iteration (1..n) of a schedule, on a log y axis when {@code logY}. */
    public static JFreeChart lrSchedule(String title, double[] lrPerIteration, boolean logY) {
        JFreeChart chart = lines(title, "Iteration", "Learning rate",
                List.of(new Series("", Series.oneTo(lrPerIteration.length), lrPerIteration, Series.Style.LINE)));
        integerTicks(chart.getXYPlot().getDomainAxis());
        return logY ? logY(chart) : chart;
    }

    /**
     * Lines, each with a translucent band between its lower and upper values: RMSE or anomaly correlation
     * against lead time with 95% intervals. The axis range includes the bands.
     */
    public static JFreeChart withBand(String title, String xLabel, String yLabel, List<BandSeries> series) {
        Objects.requireNonNull(series, "series");
        ArrayDataset data = new ArrayDataset();
        FigureRenderer renderer = new FigureRenderer(true, BAND_ALPHA);
        configure(renderer);
        for (int i = 0; i < series.size(); i++) {
            BandSeries s = Objects.requireNonNull(series.get(i), "series " + i);
            data.add(s.label(), s.rawX(), s.rawY(), s.rawLower(), s.rawUpper());
            style(renderer, i, s.dashed() ? Series.Style.DASHED : Series.Style.LINE,
                    Palette.colour(s.colour() == Series.AUTO ? i : s.colour()), !s.label().isBlank());
        }
        XYPlot plot = plot(xLabel, yLabel);
        plot.setDataset(data);
        plot.setRenderer(renderer);
        return chart(title, plot, series.stream().anyMatch(s -> !s.label().isBlank()));
    }

    /**
     * Probability density curves of a variable, for truth and each parameterization: {@link #lines} with y
     * "Probability density".
     */
    public static JFreeChart histogramPdfs(String title, String xLabel, List<Series> series) {
        return lines(title, xLabel, "Probability density", series);
    }

    /** Autocorrelation against lag, one series each: {@link #lines} with y "Autocorrelation" and a line at zero. */
    public static JFreeChart autocorrelation(String title, String xLabel, List<Series> series) {
        JFreeChart chart = lines(title, xLabel, "Autocorrelation", series);
        chart.getXYPlot().addRangeMarker(new ValueMarker(0, FRAME, new BasicStroke(0.8f)));
        return chart;
    }

    /**
     * A heat map of z over a grid of swept values, with a colour bar (viridis) named {@code zLabel}. Cells are
     * equal-sized whatever the spacing of the values (they are labels, as in a table); each cell shows its value
     * when there are few cells. {@code z[j][i]} is the value at {@code (xs[i], ys[j])}: one row per y, as a
     * printed table or matplotlib's imshow. NaN cells are grey.
     */
    public static JFreeChart heatmap(String title, String xLabel, String yLabel, double[] xs, double[] ys,
            double[][] z, String zLabel) {
        int nx = xs.length;
        int ny = ys.length;
        if (nx == 0 || ny == 0) {
            throw new IllegalArgumentException("heatmap needs at least one x and one y value");
        }
        if (z.length != ny) {
            throw new IllegalArgumentException("heatmap: z has " + z.length + " rows but there are " + ny
                    + " y values (z[j][i] is the value at xs[i], ys[j])");
        }
        double[][] cells = new double[3][nx * ny];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < ny; j++) {
            if (z[j].length != nx) {
                throw new IllegalArgumentException("heatmap: row " + j + " of z has " + z[j].length
                        + " values but there are " + nx + " x values (z[j][i] is the value at xs[i], ys[j])");
            }
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                double v = Double.isFinite(z[j][i]) ? z[j][i] : Double.NaN;
                cells[0][k] = i;
                cells[1][k] = j;
                cells[2][k] = v;
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = 0;
            hi = 1;
        } else if (hi <= lo) {
            double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(zLabel == null ? "" : zLabel, cells);
        HeatScale scale = new HeatScale(lo, hi);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1);
        renderer.setBlockHeight(1);
        renderer.setBlockAnchor(RectangleAnchor.CENTER);
        renderer.setPaintScale(scale);
        renderer.setDefaultSeriesVisibleInLegend(false);

        XYPlot plot = new XYPlot(data, symbolAxis(xLabel, xs), symbolAxis(yLabel, ys), renderer);
        stylePlot(plot);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        if (nx * ny <= MAX_ANNOTATED_CELLS) {
            for (int k = 0; k < nx * ny; k++) {
                double v = cells[2][k];
                XYTextAnnotation a = new XYTextAnnotation(Double.isNaN(v) ? "–" : Ticks.pretty(v), cells[0][k],
                        cells[1][k]);
                a.setFont(CELL_FONT);
                a.setPaint(!Double.isNaN(v) && scale.dark(v) ? Color.WHITE : TEXT);
                a.setTextAnchor(TextAnchor.CENTER);
                renderer.addAnnotation(a);
            }
        }
        JFreeChart chart = chart(title, plot, false);
        chart.addSubtitle(colourBar(scale, zLabel, lo, hi));
        return chart;
    }

    // ------------------------------------------------------------------ log axes

    /**
     * Puts the x axis of an XY chart on a base-10 log scale (same label and style), ranging over the positive
     * values; values &lt;= 0 fall off the plot. Returns the chart.
     */
    public static JFreeChart logX(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(logAxis(plot.getDomainAxis()));
        return chart;
    }

    /** Puts the y axis of an XY chart on a base-10 log scale, as {@link #logX}. Returns the chart. */
    public static JFreeChart logY(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(logAxis(plot.getRangeAxis()));
        return chart;
    }

    private static ValueAxis logAxis(ValueAxis old) {
        if (old instanceof PositiveLogAxis) {
            return old;
        }
        PositiveLogAxis axis = new PositiveLogAxis(old == null ? null : old.getLabel());
        styleAxis(axis);
        return axis;
    }

    // ------------------------------------------------------------------ style

    static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(null, TITLE_FONT, plot, false);
        if (title != null && !title.isBlank()) {
            TextTitle t = new TextTitle(title, TITLE_FONT);
            t.setPaint(TEXT);
            t.setMargin(new RectangleInsets(0, 0, 8, 0));
            chart.setTitle(t);
        }
        if (legend) {
            LegendTitle l = new LegendTitle(plot);
            l.setItemFont(LEGEND_FONT);
            l.setItemPaint(TEXT);
            l.setPosition(RectangleEdge.BOTTOM);
            l.setFrame(BlockBorder.NONE);
            l.setBackgroundPaint(Color.WHITE);
            l.setMargin(new RectangleInsets(8, 0, 0, 0));
            l.setItemLabelPadding(new RectangleInsets(2, 4, 2, 16));
            l.setLegendItemGraphicPadding(new RectangleInsets(2, 2, 2, 2));
            chart.addSubtitle(l);
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(10, 10, 10, 18));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        chart.getRenderingHints().put(RenderingHints.KEY_FRACTIONALMETRICS,
                RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return chart;
    }

    static XYPlot plot(String xLabel, String yLabel) {
        NumberAxis x = new TidyNumberAxis(xLabel);
        NumberAxis y = new TidyNumberAxis(yLabel);
        for (NumberAxis a : new NumberAxis[] {x, y}) {
            styleAxis(a);
            a.setAutoRangeIncludesZero(false);
            a.setStandardTickUnits(Ticks.decimal());
        }
        XYPlot plot = new XYPlot(null, x, y, null);
        stylePlot(plot);
        return plot;
    }

    static void stylePlot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(FRAME);
        plot.setOutlineStroke(new BasicStroke(1.0f));
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setDomainMinorGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(4, 4, 4, 4));
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
    }

    static void styleAxis(ValueAxis a) {
        a.setLabelFont(LABEL_FONT);
        a.setLabelPaint(TEXT);
        a.setTickLabelFont(TICK_FONT);
        a.setTickLabelPaint(TEXT);
        a.setAxisLineVisible(false);
        a.setTickMarkPaint(FRAME);
        a.setTickMarkStroke(new BasicStroke(0.8f));
        a.setTickMarkInsideLength(0f);
        a.setTickMarkOutsideLength(4f);
        a.setMinorTickMarkInsideLength(0f);
        a.setMinorTickMarkOutsideLength(2f);
        a.setLabelInsets(new RectangleInsets(6, 6, 6, 6));
        a.setTickLabelInsets(new RectangleInsets(3, 3, 3, 3));
    }

    private static void integerTicks(ValueAxis a) {
        if (a instanceof NumberAxis n) {
            n.setStandardTickUnits(Ticks.integer());
        }
    }

    private static SymbolAxis symbolAxis(String label, double[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = Ticks.pretty(values[i]);
        }
        SymbolAxis axis = new SymbolAxis(label, names);
        styleAxis(axis);
        axis.setGridBandsVisible(false);
        axis.setAutoRange(false);
        axis.setRange(-0.5, values.length - 0.5);
        return axis;
    }

    private static void configure(XYLineAndShapeRenderer r) {
        r.setDrawSeriesLineAsPath(true);
        r.setDrawOutlines(false);
        r.setUseFillPaint(false);
        r.setLegendLine(new Line2D.Double(-14, 0, 14, 0));
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesShape(false);
    }

    private static void style(XYLineAndShapeRenderer r, int i, Series.Style style, Color colour, boolean inLegend) {
        boolean lines = style != Series.Style.POINTS;
        boolean dots = style == Series.Style.POINTS || style == Series.Style.LINE_AND_POINTS;
        r.setSeriesPaint(i, colour);
        r.setSeriesLinesVisible(i, lines);
        r.setSeriesShapesVisible(i, dots);
        r.setSeriesShapesFilled(i, true);
        r.setSeriesShape(i, dot(DOT));
        if (style == Series.Style.POINTS) {
            r.setLegendShape(i, dot(LEGEND_DOT));
        }
        r.setSeriesStroke(i, stroke(style));
        r.setSeriesVisibleInLegend(i, inLegend);
    }

    private static Stroke stroke(Series.Style style) {
        if (style == Series.Style.DASHED) {
            return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {7f, 4f}, 0f);
        }
        return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static Shape dot(double diameter) {
        return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
    }

    /** The loss at {@code lr}, interpolated linearly in log(lr) between the nearest tested rates; NaN if outside. */
    static double lossAt(double[] lrs, double[] losses, double lr) {
        int n = Math.min(lrs.length, losses.length);
        double best = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (lrs[i] == lr) {
                return losses[i];
            }
            if (i + 1 < n && lrs[i] > 0 && lrs[i + 1] > 0 && Math.min(lrs[i], lrs[i + 1]) < lr
                    && lr < Math.max(lrs[i], lrs[i + 1])) {
                double t = (Math.log(lr) - Math.log(lrs[i])) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
                best = losses[i] + t * (losses[i + 1] - losses[i]);
                if (Double.isFinite(best)) {
                    return best;
                }
            }
        }
        return best;
    }
}
