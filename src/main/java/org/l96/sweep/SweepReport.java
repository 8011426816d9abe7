package org.l96.sweep;

import org.l96.run.SimulationFiles;
import org.l96.run.stages.EvaluationOutputs;
import org.l96.run.stages.TrainOutputs;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.l96.chart.BandSeries;
import org.l96.chart.ChartFiles;
import org.l96.chart.Figures;
import org.l96.chart.SchemeColours;
import org.l96.chart.Series;
import org.l96.run.stages.ChartStage;
import org.l96.run.AtomicFiles;
import org.l96.run.HtmlPage;
import org.l96.run.Provenance;
import org.l96.spec.SweepSpec;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.l96.run.HtmlPage.esc;

/**
 * The sweep's figures ({@code figures/}, PNG + PDF) and {@code report.html} (self-contained, images inlined): for
 * each headline metric, the metric against each numeric axis (mean over the seeds and the other axes' values, one
 * line per value of the other axes, band = min..max over seeds), and with two or more axes a heat map of the mean
 * over the first two; then the summary table.
 */
public final class SweepReport {
    public static final String FILE = "report.html";
    private static final int MAX_METRICS = 8;

    private SweepReport() {
    }

    public static Path write(SweepLayout layout, SweepResults.Summary s) throws IOException {
        // the figures are drawn into a folder of their own that replaces figures/ when the report is written, so an
        // interruption leaves the earlier figures whole (an interrupted drawing's folder goes at the next write)
        try (java.util.stream.Stream<Path> old = Files.list(layout.dir())) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(FIGURES_TMP)).toList()) {
                AtomicFiles.deleteTree(p);
            }
        }
        Path figures = layout.dir().resolve(FIGURES_TMP + java.util.UUID.randomUUID());
        Files.createDirectories(figures);
        List<Path> pngs = new ArrayList<>();
        List<SweepResults.Row> ok = s.rows().stream().filter(r -> PointStatus.OK.equals(r.status())).toList();
        List<String> metrics = headline(s, ok);
        List<SweepSpec.Axis> axes = s.plan().axes();
        // zipped axes move together: the first one stands for all, and a heat map would show only its diagonal
        boolean zipped = org.l96.spec.Vocabulary.Combine.ZIP.word().equals(s.plan().combine());
        List<SweepSpec.Axis> plotted = zipped && !axes.isEmpty() ? List.of(axes.get(0)) : axes;
        SchemeColours colours = s.plan().points().isEmpty() ? new SchemeColours(List.of())
                : ChartStage.colours(s.plan().points().get(0).spec());
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, List<String>> family : families(metrics).entrySet()) {
            for (SweepSpec.Axis axis : plotted) {
                if (!numeric(axis.values())) {
                    continue;
                }
                List<SweepSpec.Axis> with = zipped ? List.of(axis) : axes;
                if (flat(family.getValue(), axis, with, ok)) {
                    // a training metric against an axis only the evaluations see: flat by construction
                    notes.add(family.getKey() + " is the same at every value of " + axis.path()
                            + " (it does not depend on it): no figure");
                    continue;
                }
                JFreeChart chart = againstAxis(family.getKey(), family.getValue(), axis, with, ok, colours);
                if (chart != null) {
                    pngs.add(ChartFiles.write(chart, figures.resolve(slug(family.getKey().replace("*", "all"))
                            + "-vs-" + slug(axis.path()))).png());
                } else {
                    notes.add("no figure of " + family.getKey() + " against " + axis.path()
                            + ": no point that ran has a value of it");
                }
            }
        }
        if (!zipped && axes.size() >= 2) {
            for (String metric : metrics) {
                double[][] z = grid(metric, axes.get(0), axes.get(1), ok);
                if (constant(z)) {
                    boolean holes = java.util.Arrays.stream(z).flatMapToDouble(java.util.Arrays::stream)
                            .anyMatch(v -> !Double.isFinite(v));
                    notes.add(metric + " is the same at every point " + (holes ? "that ran " : "") + "of "
                            + axes.get(0).path() + " × " + axes.get(1).path() + ": no heat map");
                    continue;
                }
                JFreeChart chart = heatmap(metric, axes.get(0), axes.get(1), z);
                if (chart != null) {
                    pngs.add(ChartFiles.write(chart, figures.resolve(slug(metric) + "-heatmap")).png());
                }
            }
        }
        Path report = layout.dir().resolve(FILE);
        AtomicFiles.writeString(report, html(s, pngs, notes)); // images inlined: read from the new folder
        Path kept = layout.dir().resolve("figures");
        AtomicFiles.deleteTree(kept); // figures of an earlier collection may no longer apply
        Files.move(figures, kept);
        return report;
    }

    private static final String FIGURES_TMP = ".figures.tmp-";

    /** Validation losses and online errors first; at most a few, so the report stays readable. */
    static List<String> headline(SweepResults.Summary s, List<SweepResults.Row> ok) {
        List<String> numeric = s.metricNames().stream()
                .filter(m -> ok.stream().anyMatch(r -> r.metrics().get(m) instanceof Double)).toList();
        List<String> picked = new ArrayList<>(numeric.stream().filter(m -> m.endsWith("." + TrainOutputs.FINAL_VAL_LOSS)
                || EvaluationOutputs.isSchemeMetric(m, EvaluationOutputs.SUM_ABS_ERROR)
                || EvaluationOutputs.isSchemeMetric(m, EvaluationOutputs.VPT)
                || EvaluationOutputs.isSchemeMetric(m, EvaluationOutputs.HELLINGER)
                || m.toLowerCase().endsWith("rmse")).toList());
        if (picked.isEmpty()) {
            picked.addAll(numeric.stream().filter(m -> !m.startsWith(SimulationFiles.METRIC_GROUP + ".")).toList());
        }
        return picked.subList(0, Math.min(MAX_METRICS, picked.size()));
    }

    /**
     * Metrics that differ only in the name before their last part (the scheme of {@code online.skill.ann.vpt},
     * the network of {@code networks.ann.finalValLoss}) share a figure, one line each: {@code online.skill.*.vpt}.
     */
    static Map<String, List<String>> families(List<String> metrics) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String m : metrics) {
            String[] parts = m.split("\\.");
            String key = m;
            if (parts.length >= 3) {
                parts[parts.length - 2] = "*";
                key = String.join(".", parts);
            }
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    /** The part of a metric's path that a family's wildcard stands for ({@code ann} in online.skill.ann.vpt). */
    private static String member(String metric) {
        String[] parts = metric.split("\\.");
        return parts.length >= 3 ? parts[parts.length - 2] : metric;
    }

    /**
     * The figure of a metric family against one axis. Each member (scheme, network) has its colour of the run's
     * {@link SchemeColours}; one line per value of the other axes, each value with its own dash pattern and marker
     * shape ({@link #dash}, {@link #marker}; a line of one point is its marker, with the seeds' range as an error
     * bar), and a member whose
     * lines are identical for every value of the other axes (a scheme that none of them changes, e.g. {@code none}
     * when the network's width is swept) is drawn once.
     */
    static JFreeChart againstAxis(String family, List<String> members, SweepSpec.Axis axis,
                                  List<SweepSpec.Axis> axes, List<SweepResults.Row> ok, SchemeColours colours) {
        List<BandSeries> series = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>(); // which value of the other axes: its dash pattern and marker
        for (String metric : members) {
            List<BandSeries> lines = againstAxis(metric, axis, axes, ok);
            boolean same = lines.size() > 1 && lines.stream().allMatch(b -> sameLine(b, lines.get(0)));
            if (same) {
                BandSeries b = lines.get(0);
                lines.clear();
                lines.add(new BandSeries("", b.x(), b.y(), b.lower(), b.upper()));
            }
            for (int g = 0; g < lines.size(); g++) {
                BandSeries b = lines.get(g);
                String name = members.size() == 1 ? b.label()
                        : b.label().isEmpty() ? member(metric) : member(metric) + ", " + b.label();
                if (same) {
                    name = (members.size() == 1 ? "" : member(metric) + ", ") + "the same for every value of "
                            + String.join(", ", others(axis, axes));
                }
                // a scheme's (network's) own colour; the values of the other axes differ by dash and marker
                int colour = members.size() == 1 && lines.size() > 1 && !colours.names().contains(member(metric))
                        ? Series.AUTO : colours.of(member(metric));
                series.add(new BandSeries(name, b.x(), b.y(), b.lower(), b.upper(),
                        colour == Series.AUTO ? g : colour, false));
                lineOf.add(same ? 0 : g);
            }
        }
        if (series.isEmpty()) {
            return null;
        }
        String what = members.size() == 1 ? members.get(0) : family;
        JFreeChart chart = Figures.withBand(label(what) + " against " + label(axis.path())
                + " (mean; " + (series.stream().allMatch(b -> b.x().length == 1) ? "bar" : "band")
                + ": min–max over seeds)", axis.path(), what, series);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < series.size(); i++) {
            BandSeries b = series.get(i);
            int g = lineOf.get(i);
            // each value of the other axes its own dash pattern and marker shape, so that the legend tells them apart
            r.setSeriesStroke(i, dash(g));
            r.setSeriesShape(i, marker(g));
            r.setLegendShape(i, marker(g));
            r.setSeriesShapesVisible(i, true);
            r.setSeriesShapesFilled(i, true);
            for (int k = 0; k < b.x().length; k++) {
                xMin = Math.min(xMin, b.x()[k]);
                xMax = Math.max(xMax, b.x()[k]);
            }
            if (b.x().length == 1 && b.upper()[0] > b.lower()[0]) {
                // a single point has no band to draw: its range over the seeds is an error bar
                java.awt.Paint paint = r.getSeriesPaint(i);
                plot.addAnnotation(new XYLineAnnotation(b.x()[0], b.lower()[0], b.x()[0], b.upper()[0],
                        new BasicStroke(1.5f), paint));
            }
        }
        if (logSpaced(axis.values())) {
            return Figures.logX(chart);
        }
        if (xMin == xMax) {
            // one value on the axis: a range around it (the automatic one is a sliver whose ticks all read the same)
            double pad = xMin == 0 ? 1 : Math.abs(xMin) * 0.1;
            plot.getDomainAxis().setRange(xMin - pad, xMin + pad);
        } else {
            // the range of the values drawn, whatever the failed points would have added
            double pad = (xMax - xMin) * 0.05;
            plot.getDomainAxis().setRange(xMin - pad, xMax + pad);
        }
        return chart;
    }

    /** Dash patterns, one per value of the other axes (solid, dashed, dotted, dash-dot, long dash), cycling. */
    private static final float[][] DASHES = {null, {7f, 4f}, {1.5f, 3f}, {7f, 3f, 1.5f, 3f}, {14f, 4f}};

    static BasicStroke dash(int g) {
        float[] d = DASHES[g % DASHES.length];
        return d == null ? new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, d, 0f);
    }

    /** Marker shapes, one per value of the other axes (circle, square, triangle, diamond, down-triangle), cycling. */
    static java.awt.Shape marker(int g) {
        double s = 7;
        double h = s / 2;
        return switch (g % 5) {
            case 0 -> new java.awt.geom.Ellipse2D.Double(-h, -h, s, s);
            case 1 -> new java.awt.geom.Rectangle2D.Double(-h * 0.9, -h * 0.9, s * 0.9, s * 0.9);
            case 2 -> polygon(new double[]{0, h, -h}, new double[]{-h, h, h});
            case 3 -> polygon(new double[]{0, h, 0, -h}, new double[]{-h, 0, h, 0});
            default -> polygon(new double[]{-h, h, 0}, new double[]{-h, -h, h});
        };
    }

    private static java.awt.Shape polygon(double[] x, double[] y) {
        java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        p.moveTo(x[0], y[0]);
        for (int i = 1; i < x.length; i++) {
            p.lineTo(x[i], y[i]);
        }
        p.closePath();
        return p;
    }

    /**
     * Whether every line of two or more points (of every member; there must be one) has the same mean, minimum and
     * maximum at each: the metrics do not depend on the axis (a network's loss against the forcing of the evaluations only).
     */
    static boolean flat(List<String> members, SweepSpec.Axis axis, List<SweepSpec.Axis> axes,
                        List<SweepResults.Row> ok) {
        boolean any = false;
        for (String metric : members) {
            for (BandSeries b : againstAxis(metric, axis, axes, ok)) {
                if (b.x().length < 2) {
                    continue; // a single point says nothing of how the metric goes with the axis
                }
                for (double[] v : List.of(b.y(), b.lower(), b.upper())) {
                    for (double d : v) {
                        if (!(Math.abs(d - v[0]) <= 1e-12 * Math.max(Math.abs(d), Math.abs(v[0])))) {
                            return false;
                        }
                    }
                }
                any = true;
            }
        }
        return any;
    }

    /** One series per combination of the other axes' values. */
    private static List<BandSeries> againstAxis(String metric, SweepSpec.Axis axis, List<SweepSpec.Axis> axes,
                                                List<SweepResults.Row> ok) {
        Map<String, List<SweepResults.Row>> groups = new LinkedHashMap<>();
        for (SweepResults.Row r : ok) {
            List<String> others = new ArrayList<>();
            for (SweepSpec.Axis a : axes) {
                if (!a.path().equals(axis.path())) {
                    others.add(label(a.path()) + "=" + r.values().get(a.path()));
                }
            }
            groups.computeIfAbsent(String.join(", ", others), k -> new ArrayList<>()).add(r);
        }
        List<BandSeries> series = new ArrayList<>();
        for (Map.Entry<String, List<SweepResults.Row>> g : groups.entrySet()) {
            List<double[]> xs = new ArrayList<>();
            for (String v : axis.values()) {
                double[] stats = stats(g.getValue().stream().filter(r -> v.equals(r.values().get(axis.path())))
                        .toList(), metric);
                if (stats != null) {
                    xs.add(new double[]{Double.parseDouble(v), stats[0], stats[1], stats[2]});
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            xs.sort((a, b) -> Double.compare(a[0], b[0]));
            series.add(new BandSeries(g.getKey(), col(xs, 0), col(xs, 1), col(xs, 2), col(xs, 3)));
        }
        return series;
    }

    /** The names of the axes other than {@code axis}. */
    private static List<String> others(SweepSpec.Axis axis, List<SweepSpec.Axis> axes) {
        return axes.stream().filter(a -> !a.path().equals(axis.path())).map(a -> label(a.path())).toList();
    }

    /** The same x, line and band (to 1e-12 relative: the same computation gives the same bits). */
    static boolean sameLine(BandSeries a, BandSeries b) {
        return close(a.x(), b.x()) && close(a.y(), b.y()) && close(a.lower(), b.lower())
                && close(a.upper(), b.upper());
    }

    private static boolean close(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= 1e-12 * Math.max(Math.abs(a[i]), Math.abs(b[i])))
                    && Double.compare(a[i], b[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether every finite cell has the same value (to 1e-12 relative), with at least two cells: nothing to map. */
    static boolean constant(double[][] z) {
        double first = Double.NaN;
        int n = 0;
        for (double[] row : z) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (n++ == 0) {
                    first = v;
                } else if (Math.abs(v - first) > 1e-12 * Math.max(Math.abs(v), Math.abs(first))) {
                    return false;
                }
            }
        }
        return n >= 2;
    }

    /** The mean of the metric over seeds at each cell of the first two axes ({@code z[j][i]}, NaN without one). */
    static double[][] grid(String metric, SweepSpec.Axis ax, SweepSpec.Axis ay, List<SweepResults.Row> ok) {
        double[][] z = new double[ay.values().size()][ax.values().size()];
        for (int j = 0; j < z.length; j++) {
            for (int i = 0; i < z[j].length; i++) {
                String vx = ax.values().get(i);
                String vy = ay.values().get(j);
                double[] st = stats(ok.stream().filter(r -> vx.equals(r.values().get(ax.path()))
                        && vy.equals(r.values().get(ay.path()))).toList(), metric);
                z[j][i] = st == null ? Double.NaN : st[0];
            }
        }
        return z;
    }

    private static JFreeChart heatmap(String metric, SweepSpec.Axis ax, SweepSpec.Axis ay, double[][] z) {
        double[] xs = positions(ax.values());
        double[] ys = positions(ay.values());
        boolean any = false;
        for (double[] row : z) {
            for (double v : row) {
                any |= !Double.isNaN(v);
            }
        }
        return any ? Figures.heatmap(label(metric) + " (mean over seeds)", ax.path(), ay.path(), xs, ys, z, metric)
                : null;
    }

    /**
     * Mean, min and max of the metric over rows; null when no row has it, or when a row has it as null (an unstable
     * run or diverged training has no score: a mean over the other seeds would hide it).
     */
    static double[] stats(List<SweepResults.Row> rows, String metric) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (SweepResults.Row r : rows) {
            if (r.metrics().containsKey(metric) && r.metrics().get(metric) == null) {
                return null;
            }
            if (r.metrics().get(metric) instanceof Double d && Double.isFinite(d)) {
                sum += d;
                min = Math.min(min, d);
                max = Math.max(max, d);
                n++;
            }
        }
        return n == 0 ? null : new double[]{sum / n, min, max};
    }

    private static double[] col(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    private static double[] positions(List<String> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = numeric(values) ? Double.parseDouble(values.get(i)) : i;
        }
        return out;
    }

    /** Positive values spanning a factor of 10 or more (learning rates, weight decays) read best on a log axis. */
    static boolean logSpaced(List<String> values) {
        double min = values.stream().mapToDouble(Double::parseDouble).min().orElse(0);
        double max = values.stream().mapToDouble(Double::parseDouble).max().orElse(0);
        return min > 0 && max / min >= 10;
    }

    static boolean numeric(List<String> values) {
        try {
            values.forEach(Double::parseDouble);
            return !values.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String label(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]", "-");
    }

    private static String html(SweepResults.Summary s, List<Path> pngs, List<String> notes) throws IOException {
        StringBuilder h = new StringBuilder();
        String name = s.plan().name();
        HtmlPage.open(h, name + " — l96 sweep");
        h.append("<h1>Sweep ").append(esc(name)).append("</h1>\n<p>Made by l96 ")
                .append(esc(Provenance.toolVersion())).append(". ").append(s.rows().size())
                .append(s.rows().size() == 1 ? " point (" : " points (")
                .append(s.plan().combine())
                .append(" of ").append(s.plan().axes().size())
                .append(s.plan().axes().size() == 1 ? " axis × " : " axes × ").append(s.plan().seeds())
                .append(s.plan().seeds() == 1 ? " seed): " : " seeds): ").append(s.count(PointStatus.OK)).append(" ok")
                .append(s.countDiverged() > 0 ? " (⚠ " + s.countDiverged() + " with a diverged training)" : "")
                .append(", ")
                .append(s.count(PointStatus.FAILED)).append(" failed, ").append(s.count(SweepResults.PENDING))
                .append(" pending. Each point's own report is in points/&lt;point&gt;/report/.</p>\n<ul>");
        for (SweepSpec.Axis a : s.plan().axes()) {
            h.append("<li><code>").append(esc(a.path())).append("</code>: ")
                    .append(esc(String.join(", ", a.values()))).append("</li>");
        }
        h.append("</ul>\n<h2>Figures</h2>\n");
        for (Path png : pngs) {
            HtmlPage.figure(h, png);
        }
        if (pngs.isEmpty()) {
            h.append("<p>No figures: no numeric axis with finished points.</p>\n");
        }
        for (String note : notes) {
            h.append("<p>").append(esc(note)).append(".</p>\n");
        }
        h.append("<h2>Summary</h2>\n<table><tr>");
        List<String> cols = SweepResults.columns(s);
        cols.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n");
        for (SweepResults.Row r : s.rows()) {
            Map<String, Object> m = SweepResults.row(s.plan(), r);
            h.append("<tr").append(PointStatus.OK.equals(r.status()) ? "" : " class=\"failed\"").append('>');
            for (String c : cols) {
                Object v = m.get(c);
                boolean num = v instanceof Number;
                // a metric recorded as null: the run was unstable or the training diverged
                String none = r.metrics().containsKey(c) ? "—" : "";
                if ("status".equals(c) && !SweepResults.diverged(r.metrics()).isEmpty()) {
                    v = v + " " + SweepResults.divergedNote(SweepResults.diverged(r.metrics()));
                }
                h.append(num ? "<td class=\"num\">" : "<td>").append(v == null ? none : esc(num
                        ? org.l96.run.stages.ReportStage.number(((Number) v).doubleValue(), 4) : v.toString())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

}
