package org.l96.run.stages;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.run.Findings;
import org.l96.run.HtmlPage;
import org.l96.run.Provenance;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.run.StageRecord;
import org.l96.eval.ForecastEvaluation;
import org.l96.eval.RegimeTruth;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.l96.run.HtmlPage.esc;

/**
 * {@code report.html}: one self-contained page (figures embedded as data URIs, metrics, the spec, provenance) that
 * opens in a browser from disk.
 */
public final class ReportStage implements Stage {
    public static final String NAME = ReportOutputs.NAME;
    public static final String FILE = ReportOutputs.FILE;
    /** Stages whose names start so hold figures. */
    public static final String CHART_PREFIX = ChartOutputs.PREFIX;
    private final ExperimentSpec spec;
    private final List<String> inputs;

    public ReportStage(ExperimentSpec spec, List<String> inputs) {
        this.spec = spec;
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public Object keyMaterial() {
        return Map.of("spec", spec);
    }

    @Override
    public Map<String, String> keyMaterialPaths() {
        return Map.of("spec", "");
    }

    /** A chart that failed must not take the page with it: the report shows what was made and names the rest. */
    @Override
    public boolean runsDespiteFailedInputs() {
        return true;
    }

    @Override
    public void run(StageContext ctx) throws IOException {
        StringBuilder html = new StringBuilder();
        HtmlPage.open(html, spec.name() + " — l96 report");
        html.append("<h1>").append(esc(spec.name())).append("</h1>\n");
        html.append("<p>Made by l96 ").append(esc(Provenance.toolVersion())).append(". Seed ")
                .append(spec.seed()).append(".</p>\n");

        Map<String, String> failed = ctx.failedInputs();
        Map<String, JsonNode> metricsByStage = new java.util.LinkedHashMap<>();
        for (String in : inputs) {
            if (!failed.containsKey(in)) {
                JsonNode metrics = StageRecord.metricsIn(ctx.input(in));
                metricsByStage.put(in, metrics.isMissingNode() ? null : metrics);
            }
        }
        problems(html, failed, Findings.of(metricsByStage));

        html.append("<h2>Figures</h2>\n");
        for (String in : inputs) {
            if (!ChartOutputs.isChart(in) || failed.containsKey(in)) {
                continue;
            }
            try (Stream<Path> files = Files.list(ctx.input(in))) {
                for (Path png : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                    HtmlPage.figure(html, png);
                }
            }
        }

        ScoreTables.append(spec, ctx, inputs, failed, html);
        skillTables(ctx, html, failed);
        NoisePairTables.append(spec, ctx, inputs, failed, html);

        html.append("<h2>Metrics</h2>\n");
        for (String in : metricsByStage.keySet()) {
            JsonNode metrics = metricsByStage.get(in);
            if (metrics == null || metrics.isEmpty()) {
                continue;
            }
            html.append("<h3>").append(esc(in)).append("</h3>\n<table>");
            flatten("", metrics, html);
            html.append("</table>\n");
        }

        html.append("<h2>Spec</h2>\n<pre>").append(esc(SpecJson.toJson(spec))).append("</pre>\n");
        html.append("<h2>Provenance</h2>\n<pre>").append(esc(SpecJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(Provenance.current()))).append("</pre>\n")
                // after load, the body records how many figures decoded: a browser test reads it back
                .append("<script>window.addEventListener('load',function(){var im=document.images,n=0;"
                        + "for(var i=0;i<im.length;i++){if(im[i].complete&&im[i].naturalWidth>0){n++;}}"
                        + "document.body.setAttribute('data-images-total',im.length);"
                        + "document.body.setAttribute('data-images-loaded',n);});</script>\n</body></html>\n");
        Files.writeString(ctx.dir().resolve(FILE), html);
    }

    /**
     * What went wrong, first on the page: stages that failed or were skipped (a figure not drawn, with why), then
     * diverged trainings, unstable schemes, kept weights (see {@link Findings}).
     */
    private static void problems(StringBuilder html, Map<String, String> failed, List<Findings.Finding> findings) {
        if (failed.isEmpty() && findings.isEmpty()) {
            return;
        }
        html.append("<h2>Problems and notes</h2>\n<ul class=\"problems\">\n");
        failed.forEach((stage, why) -> html.append("<li class=\"failed\">✗ <b>").append(esc(stage)).append("</b>")
                .append(ChartOutputs.isChart(stage) ? " (figure not drawn)" : "").append(": ").append(esc(why))
                .append("</li>\n"));
        for (Findings.Finding f : findings) {
            html.append("<li").append(f.problem() ? " class=\"problem\">⚠ " : ">").append(esc(f.text()))
                    .append("</li>\n");
        }
        html.append("</ul>\n");
    }

    /** ", at F = 24 (trained at F = 18)" for an evaluation in another regime, else nothing. */
    private String regime(EvaluationSpec e) {
        return RegimeTruth.shifts(e, spec.world().forcing()) ? ", at F = " + num(e.forcing())
                + " (trained at F = " + num(spec.world().forcing()) + ")" : "";
    }

    /**
     * One table per trajectory and ensemble evaluation (a row per scheme: its errors against the truth and whether
     * it blew up), then per forecast and climate evaluation (the headline numbers with intervals).
     */
    private void skillTables(StageContext ctx, StringBuilder html, Map<String, String> failed) throws IOException {
        runTables(ctx, html, failed);
        boolean heading = false;
        for (var entry : spec.evaluations().entrySet()) {
            EvaluationSpec e = entry.getValue();
            String stage = EvaluateStage.nameOf(entry.getKey());
            if (!(e instanceof EvaluationSpec.Forecast || e instanceof EvaluationSpec.Climate)
                    || !inputs.contains(stage) || failed.containsKey(stage)) {
                continue;
            }
            if (!heading) {
                html.append("<h2>Forecast skill and climate</h2>\n");
                heading = true;
            }
            Path stageDir = ctx.input(stage);
            String evaluation = entry.getKey();
            if (e instanceof EvaluationSpec.Forecast f) {
                html.append("<h3>Forecast '").append(esc(entry.getKey())).append("': ")
                        .append(f.initialConditions()).append(" initial conditions ").append(num(f.every()))
                        .append(" time units apart").append(segmentWords(f))
                        .append(", 95% bootstrap intervals (").append(f.bootstrap())
                        .append(" resamples)").append(regime(e))
                        .append("</h3>\n<table class=\"skill\"><tr><th>scheme</th><th>VPT (median)</th>"
                                + "<th>95% interval</th><th>VPT − first</th><th>95% interval</th>"
                                + "<th>RMSE/σ_X at lead 1</th><th>ACC at lead 1</th><th>censored</th>"
                                + "<th>unstable</th></tr>");
                for (String scheme : ForecastEvaluation.schemes(f)) {
                    JsonNode m = EvaluationOutputs.metrics(stageDir, evaluation, scheme);
                    if (m.isMissingNode() || m.isNull()) {
                        continue;
                    }
                    int atOne = indexOf(m.get(EvaluationOutputs.LEADS), 1.0);
                    html.append("<tr><th>").append(esc(scheme)).append("</th>")
                            .append(cell(m.get(EvaluationOutputs.VPT))).append(interval(m.get(EvaluationOutputs.VPT_CI)))
                            .append(cell(m.get(EvaluationOutputs.VPT_DIFF))).append(interval(m.get(EvaluationOutputs.VPT_DIFF_CI)))
                            .append(cell(atOne < 0 ? null : m.get(EvaluationOutputs.RMSE_BY_LEAD).get(atOne)))
                            .append(cell(atOne < 0 ? null : m.get(EvaluationOutputs.ACC).get(atOne)))
                            .append(cell(m.get(EvaluationOutputs.VPT_CENSORED_FRACTION))).append(unstableCell(m))
                            .append("</tr>");
                }
                html.append("</table>\n<p>VPT: first lead (model time units) at which RMSE/σ_X exceeds 0.5, median "
                        + "over initial conditions; censored: the fraction still valid at the last lead. "
                        + "Differences are paired (same initial conditions) against the first scheme.</p>\n");
                if (f.membersOrOne() >= 2) {
                    ensembleTable(stageDir, evaluation, f, html);
                }
            } else {
                EvaluationSpec.Climate c = (EvaluationSpec.Climate) e;
                html.append("<h3>Climate '").append(esc(entry.getKey())).append("': ").append(num(c.duration()))
                        .append(" time units").append(regime(e))
                        .append("</h3>\n<table class=\"skill\"><tr><th>run</th><th>mean X</th>"
                                + "<th>variance X</th><th>Hellinger H</th><th>H noise floor</th>"
                                + "<th>Wasserstein-1</th><th>W1 noise floor</th><th>ACF at 0.1 / 0.2 / 0.5</th>"
                                + "<th>unstable</th></tr>");
                List<String> runs = new java.util.ArrayList<>(List.of(EvaluationOutputs.TRUTH_METRICS));
                runs.addAll(c.compare());
                for (String run : runs) {
                    JsonNode m = EvaluationOutputs.metrics(stageDir, evaluation, run);
                    if (m.isMissingNode() || m.isNull()) {
                        continue;
                    }
                    JsonNode acf = m.get(EvaluationOutputs.ACF);
                    String acfText = acf == null ? "—" : java.util.stream.IntStream.range(0, Math.min(3, acf.size()))
                            .mapToObj(i -> text(acf.get(i))).collect(java.util.stream.Collectors.joining(" / "));
                    html.append("<tr><th>").append(esc(run)).append("</th>").append(cell(m.get(EvaluationOutputs.MEAN)))
                            .append(cell(m.get(EvaluationOutputs.VARIANCE))).append(cell(m.get(EvaluationOutputs.HELLINGER)))
                            .append(cell(m.get(EvaluationOutputs.HELLINGER_FLOOR))).append(cell(m.get(EvaluationOutputs.WASSERSTEIN)))
                            .append(cell(m.get(EvaluationOutputs.WASSERSTEIN_FLOOR))).append("<td class=\"num\">")
                            .append(esc(acfText)).append("</td>").append(unstableCell(m))
                            .append("</tr>");
                }
                html.append("</table>\n<p>H = sqrt(1 − Σ sqrt(p q)) (H, not H²) on bins ").append(num(c.binWidth()))
                        .append(" wide; the noise floor is the same distance between two independent truth runs of "
                                + "the same length: only the excess above it means anything.</p>\n");
            }
        }
    }

    /** An ensemble forecast's scores at lead 1, a row per scheme (the ceiling has none). */
    private static void ensembleTable(Path stageDir, String evaluation, EvaluationSpec.Forecast f,
                                      StringBuilder html) throws IOException {
        html.append("<h4>Ensemble of ").append(f.membersOrOne()).append(" members, at lead 1</h4>\n"
                + "<table class=\"skill\"><tr><th>scheme</th><th>ensemble-mean RMSE</th><th>spread</th>"
                + "<th>spread / error</th><th>CRPS</th><th>95% interval</th><th>CRPS − first</th>"
                + "<th>95% interval</th><th>RPSS</th></tr>");
        for (String scheme : ForecastEvaluation.schemes(f)) {
            JsonNode m = EvaluationOutputs.metrics(stageDir, evaluation, scheme);
            if (m.isMissingNode() || m.isNull() || !m.has(EvaluationOutputs.CRPS)) {
                continue;
            }
            int i = indexOf(m.get(EvaluationOutputs.LEADS), 1.0);
            html.append("<tr><th>").append(esc(scheme)).append("</th>")
                    .append(at(m, EvaluationOutputs.ENSEMBLE_RMSE, i)).append(at(m, EvaluationOutputs.SPREAD, i))
                    .append(at(m, EvaluationOutputs.SPREAD_ERROR_RATIO, i)).append(at(m, EvaluationOutputs.CRPS, i))
                    .append(pair(m, EvaluationOutputs.CRPS_LOW, EvaluationOutputs.CRPS_HIGH, i))
                    .append(at(m, EvaluationOutputs.CRPS_DIFF, i))
                    .append(pair(m, EvaluationOutputs.CRPS_DIFF_LOW, EvaluationOutputs.CRPS_DIFF_HIGH, i))
                    .append(at(m, EvaluationOutputs.RPSS, i)).append("</tr>");
        }
        html.append("</table>\n<p>Spread / error near 1: a reliable ensemble. CRPS differences are paired against "
                + "the first scheme; RPSS against climatology (see dsl-docs/stochastic.md).</p>\n");
    }

    /** The cell of value {@code i} of a per-lead metric (— without one). */
    private static String at(JsonNode m, String key, int i) {
        JsonNode a = m.get(key);
        return cell(i < 0 || a == null || !a.isArray() || i >= a.size() ? null : a.get(i));
    }

    private static String pair(JsonNode m, String low, String high, int i) {
        JsonNode lo = m.get(low);
        JsonNode hi = m.get(high);
        if (i < 0 || lo == null || hi == null || !lo.isArray() || i >= lo.size() || i >= hi.size()) {
            return "<td>—</td>";
        }
        return "<td class=\"num\">[" + esc(text(lo.get(i))) + ", " + esc(text(hi.get(i))) + "]</td>";
    }

    /** A table per trajectory and per ensemble evaluation: one row per compared scheme. */
    private void runTables(StageContext ctx, StringBuilder html, Map<String, String> failed) throws IOException {
        boolean heading = false;
        for (var entry : spec.evaluations().entrySet()) {
            EvaluationSpec e = entry.getValue();
            String stage = EvaluateStage.nameOf(entry.getKey());
            if (!(e instanceof EvaluationSpec.Trajectory || e instanceof EvaluationSpec.Ensemble)
                    || !inputs.contains(stage) || failed.containsKey(stage)) {
                continue;
            }
            if (!heading) {
                html.append("<h2>Coarse-model runs</h2>\n");
                heading = true;
            }
            Path stageDir = ctx.input(stage);
            if (e instanceof EvaluationSpec.Trajectory t) {
                html.append("<h3>Trajectory '").append(esc(entry.getKey())).append("': one run of ")
                        .append(num(t.duration())).append(" time units from ").append(t.start() == -1 ? "the last sample"
                                : t.start() < 0 ? "sample " + -t.start() + " from the end" : "sample " + t.start())
                        .append(t.dt() == null ? "" : ", dt " + num(t.dt())).append(regime(e))
                        .append("</h3>\n<table class=\"skill\"><tr><th>scheme</th><th>mean |X − X_true|</th>"
                                + "<th>same, first 2 time units</th><th>unstable</th></tr>");
                for (String scheme : t.compare()) {
                    JsonNode m = EvaluationOutputs.metrics(stageDir, entry.getKey(), scheme);
                    if (m.isMissingNode() || m.isNull()) {
                        continue;
                    }
                    html.append("<tr><th>").append(esc(scheme)).append("</th>").append(cell(m.get("meanAbsError")))
                            .append(cell(m.get("meanAbsErrorFirst2TimeUnits"))).append(unstableCell(m))
                            .append("</tr>");
                }
                html.append("</table>\n<p>Mean over every k and stored sample (— for a run that blew up).</p>\n");
            } else {
                EvaluationSpec.Ensemble en = (EvaluationSpec.Ensemble) e;
                html.append("<h3>Ensemble '").append(esc(entry.getKey())).append("': ")
                        .append(en.initialConditions()).append(" runs of ").append(num(en.duration()))
                        .append(" time units, ").append(num(en.every())).append(" apart").append(regime(e))
                        .append("</h3>\n<table class=\"skill\"><tr><th>scheme</th><th>Σ |X − X_true|</th>"
                                + "<th>RMSE at the end</th><th>unstable</th><th>unstable fraction [95%]</th>"
                                + "<th>median time to blow-up [95%]</th><th>blow-up times: min, q1, median, q3, max</th>"
                                + "</tr>");
                StringBuilder pairs = new StringBuilder();
                java.util.List<String> seen = new java.util.ArrayList<>();
                for (String scheme : en.compare()) {
                    JsonNode m = EvaluationOutputs.metrics(stageDir, entry.getKey(), scheme);
                    if (m.isMissingNode() || m.isNull()) {
                        continue;
                    }
                    html.append("<tr><th>").append(esc(scheme)).append("</th>")
                            .append(cell(m.get(EvaluationOutputs.SUM_ABS_ERROR))).append(cell(m.get("rmseAtEnd")))
                            .append(unstableCell(m)).append(fractionCell(m))
                            .append(medianBlowUpCell(m)).append(blowUpTimesCell(m)).append("</tr>");
                    // each pair once, later scheme minus earlier one (the other sign is the same numbers negated)
                    JsonNode byOther = m.path(EvaluationOutputs.PAIRED_DIFFERENCES);
                    for (String earlier : seen) {
                        JsonNode d = byOther.path(earlier);
                        if (d.has(EvaluationOutputs.UNSTABLE_FRACTION_DIFF)) {
                            pairs.append("<tr><th>").append(esc(scheme)).append(" − ").append(esc(earlier))
                                    .append("</th>").append(cell(d.get(EvaluationOutputs.UNSTABLE_FRACTION_DIFF)))
                                    .append(interval(d.get(EvaluationOutputs.UNSTABLE_FRACTION_DIFF_CI)))
                                    .append("</tr>");
                        }
                    }
                    seen.add(scheme);
                }
                html.append("</table>\n<p>Σ: summed over runs, samples and k, as the notebook's error sum; RMSE "
                        + "over runs and k at the last lead (— when a run blew up). Unstable fraction with its 95% "
                        + "Wilson interval; median time to blow-up: Kaplan–Meier, stable runs censored at the run's "
                        + "length (— when fewer than half blew up), with its 95% bootstrap interval over the initial "
                        + "conditions (— at an end beyond the runs' length); blow-up times over the runs that blew up, in "
                        + "model time units.</p>\n");
                if (pairs.length() > 0) {
                    html.append("<table class=\"skill\"><tr><th>paired difference</th><th>unstable fraction</th>"
                                    + "<th>95% interval</th></tr>").append(pairs)
                            .append("</table>\n<p>Over the same initial conditions; the interval from 1000 "
                                    + "bootstrap resamples of them, the same for both schemes.</p>\n");
                }
            }
        }
    }

    private static int indexOf(JsonNode values, double v) {
        for (int i = 0; values != null && i < values.size(); i++) {
            if (Math.abs(values.get(i).asDouble() - v) < 1e-9) {
                return i;
            }
        }
        return -1;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "—"
                : n.isNumber() ? number(n.asDouble(), DIGITS) : n.asText();
    }

    /** Significant digits of the report's numbers (whole numbers are shown whole). */
    static final int DIGITS = 4;

    private static String num(double v) {
        return number(v, DIGITS);
    }

    /**
     * A number as a reader wants it: a whole number as an integer (6001, not 6001.00), else {@code digits}
     * significant digits without trailing zeros (4.0028, 0.0125, 3.1e-05).
     */
    public static String number(double v, int digits) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(digits))
                .stripTrailingZeros();
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-4 && magnitude < 1e15) {
            return d.toPlainString();
        }
        String digitsOf = d.unscaledValue().abs().toString();
        int exponent = d.precision() - d.scale() - 1;
        return (v < 0 ? "-" : "") + digitsOf.charAt(0) + (digitsOf.length() > 1 ? "." + digitsOf.substring(1) : "")
                + "e" + exponent;
    }

    private static String cell(JsonNode n) {
        return "<td class=\"num\">" + esc(text(n)) + "</td>";
    }

    /** "0" for a stable scheme; the fraction of runs that blew up and the time of the first blow-up otherwise. */
    private static String unstableCell(JsonNode m) {
        JsonNode at = m.get(EvaluationOutputs.UNSTABLE_AT);
        if (at == null || !at.isNumber()) {
            return cell(m.get(EvaluationOutputs.UNSTABLE_FRACTION));
        }
        return "<td class=\"num problem\">" + esc(text(m.get(EvaluationOutputs.UNSTABLE_FRACTION)) + ", at t = " + text(at))
                + "</td>";
    }

    /** The unstable fraction and its Wilson interval: "0.92 [0.85, 0.959]". */
    private static String fractionCell(JsonNode m) {
        JsonNode ci = m.get(EvaluationOutputs.UNSTABLE_FRACTION_CI);
        if (ci == null || ci.size() < 2) {
            return "<td>—</td>";
        }
        return "<td class=\"num\">" + esc(text(m.get(EvaluationOutputs.UNSTABLE_FRACTION)) + " [" + text(ci.get(0))
                + ", " + text(ci.get(1)) + "]") + "</td>";
    }

    /** The Kaplan–Meier median time to blow-up, or — with the reason as a tooltip. */
    private static String medianBlowUpCell(JsonNode m) {
        JsonNode t = m.get(EvaluationOutputs.MEDIAN_TIME_TO_BLOW_UP);
        JsonNode ci = m.get(EvaluationOutputs.MEDIAN_TIME_TO_BLOW_UP_CI);
        String range = ci == null || ci.size() < 2 ? "" : " [" + text(ci.get(0)) + ", " + text(ci.get(1)) + "]";
        if (t != null && t.isNumber()) {
            return "<td class=\"num\">" + esc(text(t) + range) + "</td>";
        }
        JsonNode why = m.get(EvaluationOutputs.MEDIAN_TIME_TO_BLOW_UP_NOTE);
        return why == null || why.isNull() ? "<td>—</td>"
                : "<td title=\"" + esc(why.asText()) + "\">— (" + esc(why.asText()) + ")" + esc(range) + "</td>";
    }

    private static String blowUpTimesCell(JsonNode m) {
        JsonNode q = m.get(EvaluationOutputs.BLOW_UP_TIMES);
        if (q == null || !q.isObject()) {
            return "<td>—</td>";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String k : new String[]{"min", "q1", "median", "q3", "max"}) {
            parts.add(text(q.get(k)));
        }
        return "<td class=\"num\">" + esc(String.join(", ", parts)) + "</td>";
    }

    private static String interval(JsonNode ci) {
        return ci == null || ci.size() < 2 ? "<td>—</td>"
                : "<td class=\"num\">[" + esc(text(ci.get(0))) + ", " + esc(text(ci.get(1))) + "]</td>";
    }

    /** A short list of values: [0.1, 0.2, 0.5] with each number as {@link #number}. */
    private static String numbers(JsonNode array) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        array.forEach(v -> parts.add(v.isNumber() ? number(v.asDouble(), DIGITS) : v.isArray() ? numbers(v)
                : v.isTextual() ? v.asText() : v.toString()));
        return "[" + String.join(", ", parts) + "]";
    }

    private static void flatten(String prefix, JsonNode node, StringBuilder html) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), html);
            }
        } else if (node.isArray() && node.size() > 12) {
            html.append("<tr><th>").append(esc(prefix)).append("</th><td>").append(node.size())
                    .append(" values</td></tr>");
        } else {
            String text = node.isNumber() ? number(node.asDouble(), DIGITS) : node.isArray() ? numbers(node)
                    : node.isTextual() ? node.asText() : node.toString();
            html.append("<tr><th>").append(esc(prefix)).append("</th><td class=\"num\">").append(esc(text))
                    .append("</td></tr>");
        }
    }

    /** " from the test segment (rows 801 to 900)": where a forecast's initial conditions come from, its default too. */
    private String segmentWords(EvaluationSpec.Forecast f) {
        String segment = org.l96.spec.Segments.of(f, spec.data());
        org.l96.spec.Segments.Range r = org.l96.spec.Segments.rows(segment, spec);
        return (org.l96.spec.Segments.ALL.equals(segment) ? " from the whole truth" : " from the " + esc(segment)
                + " segment") + (f.segment() == null ? " (the default)" : "")
                + (r == null ? "" : " (rows " + r.from() + " to " + (r.to() - 1) + ")");
    }
}
