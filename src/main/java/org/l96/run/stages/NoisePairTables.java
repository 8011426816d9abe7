package org.l96.run.stages;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.run.StageContext;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.PolynomialSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.l96.run.HtmlPage.esc;

/**
 * The report's comparison of AR(1) with white noise (Arnold et al. 2013's finding): for each pair of compared
 * stochastic schemes that are twins (the same base, the same form and their σ given the same way: both fitted, or
 * both given with equal values), one AR(1) and one white, the forecast's CRPS and VPT of each and
 * their paired difference AR(1) − white with its 95% bootstrap interval ({@code pairedDifferences}, the same
 * whatever the order of {@code compare}), and the climate's distances from the truth with their noise floors.
 */
final class NoisePairTables {
    private NoisePairTables() {
    }

    /** An AR(1) scheme and its white twin; {@code white} null when no compared scheme is its twin. */
    record Pair(String ar1, String white, String form, String base) {
        /** The row's label: both schemes by name, then the form and base they share. */
        String label() {
            return ar1 + " − " + white + ": " + form + " (" + base + ")";
        }
    }

    /**
     * Whether white scheme {@code w} is the twin of AR(1) scheme {@code a}: the same base, the same form, and σ
     * given the same way (both fitted, or both given with equal values); φ is the only difference AR(1) adds.
     */
    static boolean twins(PolynomialSpec a, PolynomialSpec w) {
        return a.from().equals(w.from()) && a.noise().noiseForm() == w.noise().noiseForm()
                && Objects.equals(a.noise().sigmas(), w.noise().sigmas());
    }

    /**
     * The compared AR(1) schemes in the order of {@code compared}, each with its first compared white twin (the
     * pair's {@code white} is null when it has none: the report lists such schemes without a row).
     */
    static List<Pair> pairsAndOrphans(ExperimentSpec spec, List<String> compared) {
        List<Pair> out = new ArrayList<>();
        for (String a : compared) {
            PolynomialSpec pa = spec.polynomials().get(a);
            if (pa == null || pa.noise() == null || !pa.noise().ar1()) {
                continue;
            }
            String twin = null;
            for (String w : compared) {
                PolynomialSpec pw = spec.polynomials().get(w);
                if (pw != null && pw.noise() != null && !pw.noise().ar1() && twins(pa, pw)) {
                    twin = w;
                    break;
                }
            }
            out.add(new Pair(a, twin, pa.noise().form(), pa.from()));
        }
        return out;
    }

    /** The pairs among {@code compared} (AR(1) schemes with a white twin), in the order of their AR(1) scheme. */
    static List<Pair> pairs(ExperimentSpec spec, List<String> compared) {
        return pairsAndOrphans(spec, compared).stream().filter(p -> p.white() != null).toList();
    }

    static void append(ExperimentSpec spec, StageContext ctx, List<String> inputs, Map<String, String> failed,
                       StringBuilder html) throws IOException {
        boolean heading = false;
        for (var entry : spec.evaluations().entrySet()) {
            EvaluationSpec e = entry.getValue();
            String stage = EvaluateStage.nameOf(entry.getKey());
            List<Pair> all = pairsAndOrphans(spec, e.compare());
            List<Pair> pairs = all.stream().filter(p -> p.white() != null).toList();
            if (pairs.isEmpty() || !(e instanceof EvaluationSpec.Forecast || e instanceof EvaluationSpec.Climate)
                    || !inputs.contains(stage) || failed.containsKey(stage)) {
                continue;
            }
            if (!heading) {
                html.append("<h2>AR(1) against white noise</h2>\n");
                heading = true;
            }
            Path dir = ctx.input(stage);
            String evaluation = entry.getKey();
            if (e instanceof EvaluationSpec.Forecast) {
                forecast(dir, evaluation, pairs, html);
            } else {
                climate(dir, evaluation, pairs, html);
            }
            List<String> orphans = all.stream().filter(p -> p.white() == null).map(Pair::ar1).toList();
            if (!orphans.isEmpty()) {
                html.append("<p>No row for ").append(esc(String.join(", ", orphans))).append(": no compared white "
                        + "scheme is its twin (the same base and form, σ fitted in both or given equal).</p>\n");
            }
        }
    }

    private static void forecast(Path dir, String evaluation, List<Pair> pairs, StringBuilder html)
            throws IOException {
        JsonNode first = EvaluationOutputs.metrics(dir, evaluation, pairs.get(0).ar1());
        int at = leadIndex(first.get(EvaluationOutputs.LEADS));
        String lead = at < 0 ? "—" : text(first.get(EvaluationOutputs.LEADS).get(at));
        html.append("<h3>Forecast '").append(esc(evaluation)).append("': AR(1) − white, paired over the same initial "
                        + "conditions, at lead ").append(esc(lead)).append("</h3>\n<table class=\"skill\"><tr>"
                        + "<th>AR(1) − white: form (base)</th><th>CRPS white</th><th>CRPS AR(1)</th>"
                        + "<th>CRPS AR(1) − white</th>"
                        + "<th>95% interval</th><th>VPT AR(1) − white</th><th>95% interval</th>"
                        + "<th>spread/error white</th><th>spread/error AR(1)</th></tr>");
        for (Pair p : pairs) {
            JsonNode a = EvaluationOutputs.metrics(dir, evaluation, p.ar1());
            JsonNode w = EvaluationOutputs.metrics(dir, evaluation, p.white());
            JsonNode d = a.path(EvaluationOutputs.PAIRED_DIFFERENCES).path(p.white());
            html.append("<tr><th>").append(esc(p.label())).append("</th>")
                    .append(cell(at(w, EvaluationOutputs.CRPS, at))).append(cell(at(a, EvaluationOutputs.CRPS, at)))
                    .append(cell(at(d, EvaluationOutputs.CRPS_DIFF, at)))
                    .append(interval(at(d, EvaluationOutputs.CRPS_DIFF_LOW, at),
                            at(d, EvaluationOutputs.CRPS_DIFF_HIGH, at)))
                    .append(cell(d.get(EvaluationOutputs.VPT_DIFF)))
                    .append(interval(d.path(EvaluationOutputs.VPT_DIFF_CI).get(0),
                            d.path(EvaluationOutputs.VPT_DIFF_CI).get(1)))
                    .append(cell(at(w, EvaluationOutputs.SPREAD_ERROR_RATIO, at)))
                    .append(cell(at(a, EvaluationOutputs.SPREAD_ERROR_RATIO, at))).append("</tr>");
        }
        html.append("</table>\n<p>CRPS in units of X (lower is better; a negative difference means AR(1) noise is "
                + "better); VPT in model time units (a positive difference means AR(1) is better); the intervals are "
                + "of the paired difference over bootstrap resamples of the initial conditions. Spread/error 1 is a "
                + "reliable ensemble. Every lead: <code>metrics.online.").append(esc(evaluation))
                .append(".&lt;scheme&gt;.pairedDifferences</code>.</p>\n");
    }

    private static void climate(Path dir, String evaluation, List<Pair> pairs, StringBuilder html)
            throws IOException {
        html.append("<h3>Climate '").append(esc(evaluation)).append("': distance from the truth, AR(1) and white"
                        + "</h3>\n<table class=\"skill\"><tr><th>AR(1) − white: form (base)</th><th>H white</th>"
                        + "<th>H AR(1)</th>"
                        + "<th>H AR(1) − white</th><th>95% interval</th><th>H noise floor</th><th>W1 white</th>"
                        + "<th>W1 AR(1)</th><th>W1 AR(1) − white</th><th>W1 noise floor</th></tr>");
        for (Pair p : pairs) {
            JsonNode a = EvaluationOutputs.metrics(dir, evaluation, p.ar1());
            JsonNode w = EvaluationOutputs.metrics(dir, evaluation, p.white());
            JsonNode d = a.path(EvaluationOutputs.PAIRED_DIFFERENCES).path(p.white());
            html.append("<tr><th>").append(esc(p.label())).append("</th>")
                    .append(cell(w.get(EvaluationOutputs.HELLINGER))).append(cell(a.get(EvaluationOutputs.HELLINGER)))
                    .append(cell(d.get(EvaluationOutputs.HELLINGER_DIFF)))
                    .append(interval(d.path(EvaluationOutputs.HELLINGER_DIFF_CI).get(0),
                            d.path(EvaluationOutputs.HELLINGER_DIFF_CI).get(1)))
                    .append(cell(a.get(EvaluationOutputs.HELLINGER_FLOOR)))
                    .append(cell(w.get(EvaluationOutputs.WASSERSTEIN)))
                    .append(cell(a.get(EvaluationOutputs.WASSERSTEIN)))
                    .append(difference(a.get(EvaluationOutputs.WASSERSTEIN), w.get(EvaluationOutputs.WASSERSTEIN)))
                    .append(cell(a.get(EvaluationOutputs.WASSERSTEIN_FLOOR))).append("</tr>");
        }
        html.append("</table>\n<p>Hellinger distance H and Wasserstein-1 W1 of the PDF of X from the truth's (lower "
                + "is better). The interval of H AR(1) − white is over resamples of blocks of the two runs (the same "
                + "blocks for both, the truth's PDF held fixed); the noise floor (the same distance between two "
                + "independent truth runs of this length) is the size of the truth's own sampling noise.</p>\n");
    }

    /** The index of lead 1 among the reported leads, else the last one (−1 when there are none). */
    private static int leadIndex(JsonNode leads) {
        if (leads == null || leads.size() == 0) {
            return -1;
        }
        for (int i = 0; i < leads.size(); i++) {
            if (Math.abs(leads.get(i).asDouble() - 1.0) < 1e-9) {
                return i;
            }
        }
        return leads.size() - 1;
    }

    private static JsonNode at(JsonNode m, String field, int i) {
        JsonNode v = m == null ? null : m.get(field);
        return v == null || i < 0 || i >= v.size() ? null : v.get(i);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "—"
                : n.isNumber() ? ReportStage.number(n.asDouble(), 3) : n.asText();
    }

    private static String cell(JsonNode n) {
        return "<td class=\"num\">" + esc(text(n)) + "</td>";
    }

    private static String difference(JsonNode a, JsonNode b) {
        return a == null || b == null || !a.isNumber() || !b.isNumber() ? "<td>—</td>"
                : "<td class=\"num\">" + esc(ReportStage.number(a.asDouble() - b.asDouble(), 3)) + "</td>";
    }

    private static String interval(JsonNode low, JsonNode high) {
        return low == null || high == null ? "<td>—</td>"
                : "<td class=\"num\">[" + esc(text(low)) + ", " + esc(text(high)) + "]</td>";
    }
}
