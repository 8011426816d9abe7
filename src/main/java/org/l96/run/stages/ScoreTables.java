package org.l96.run.stages;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.run.StageContext;
import org.l96.spec.ExperimentSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.l96.run.HtmlPage.esc;

/**
 * The report's tables of trainings and offline scores: one row per network (losses, epochs, stop reason,
 * parameters), then the offline MSE and R² of every network and polynomial on the validation and test segments,
 * pooled and per k. Reads the metrics of the {@code train-} and {@code polynomial-} stages.
 */
final class ScoreTables {
    private ScoreTables() {
    }

    static void append(ExperimentSpec spec, StageContext ctx, List<String> inputs, Map<String, String> failed,
                       StringBuilder html) throws IOException {
        Map<String, JsonNode> networks = new LinkedHashMap<>();
        Map<String, JsonNode> schemes = new LinkedHashMap<>();
        for (String network : spec.networks().keySet()) {
            String stage = TrainOutputs.stageName(network);
            if (inputs.contains(stage) && !failed.containsKey(stage)) {
                JsonNode m = TrainOutputs.metrics(ctx.input(stage), network);
                if (!m.isMissingNode()) {
                    networks.put(network, m);
                    schemes.put(network, m.path(OfflineOutputs.OFFLINE));
                }
            }
        }
        Map<String, JsonNode> polynomials = new LinkedHashMap<>();
        for (String polynomial : spec.polynomials().keySet()) {
            String stage = PolynomialOutputs.stageName(polynomial);
            if (inputs.contains(stage) && !failed.containsKey(stage)) {
                JsonNode m = org.l96.run.StageRecord.metricsIn(ctx.input(stage))
                        .path(PolynomialOutputs.metricPath(polynomial));
                polynomials.put(polynomial, m);
                if (m.has(OfflineOutputs.OFFLINE)) { // a stochastic scheme's offline scores are its base's
                    schemes.put(polynomial, m.path(OfflineOutputs.OFFLINE));
                }
            }
        }
        polynomialTable(polynomials, html);
        if (!networks.isEmpty()) {
            html.append("<h2>Networks</h2>\n<table class=\"skill\"><tr><th>network</th><th>parameters</th>"
                    + "<th>epochs</th><th>stop reason</th><th>best val loss</th><th>at epoch</th>"
                    + "<th>final val loss</th><th>kept epoch</th><th>test loss</th></tr>");
            for (var e : networks.entrySet()) {
                JsonNode m = e.getValue();
                html.append("<tr><th>").append(esc(e.getKey()))
                        .append(m.has(TrainOutputs.ROLLOUT) ? " (online, rollout " + m.path(TrainOutputs.ROLLOUT)
                                .path("steps").asInt() + ")" : "").append("</th>")
                        .append(cell(m.has(TrainOutputs.TRAINABLE_PARAMETERS)
                                ? m.get(TrainOutputs.TRAINABLE_PARAMETERS) : m.get(TrainOutputs.PARAMETERS))).append(cell(m.get(TrainOutputs.EPOCHS)))
                        .append("<td>").append(esc(text(m.get(TrainOutputs.STOP_REASON)))).append("</td>")
                        .append(cell(m.get(TrainOutputs.BEST_VAL_LOSS))).append(cell(m.get(TrainOutputs.BEST_EPOCH)))
                        .append(cell(m.get(TrainOutputs.FINAL_VAL_LOSS))).append(cell(m.get(TrainOutputs.KEPT_EPOCH)))
                        .append(cell(m.get(TrainOutputs.TEST_LOSS))).append("</tr>");
            }
            html.append("</table>\n<p>Parameters: the trained ones (as PyTorch counts them). Losses are the training "
                    + "loss's per sample and output; the test loss is the kept weights' on the test segment (— "
                    + "without one). A network trained online (rollout N) has rollout losses instead: the mean "
                    + "squared difference of X from the truth over windows of N coarse steps.</p>\n");
            for (var e : networks.entrySet()) { // loaded networks: where from (their epochs are the source run's)
                JsonNode loaded = e.getValue().path(TrainOutputs.LOADED);
                if (loaded.isObject()) {
                    html.append("<p>").append(esc(e.getKey())).append(" is loaded from ")
                            .append(esc(loaded.path("path").asText())).append(" (SHA-256 ")
                            .append(esc(loaded.path("sha256").asText().substring(0,
                                    Math.min(12, loaded.path("sha256").asText().length())))).append("…")
                            .append(loaded.path("experiment").isTextual() ? ", trained by experiment '"
                                    + esc(loaded.path("experiment").asText()) + "'" : "")
                            .append("): its epochs and stop reason are that training's.</p>\n");
                }
            }
        }
        if (schemes.isEmpty()) {
            return;
        }
        html.append("<h2>Offline scores</h2>\n<table class=\"skill\"><tr><th>scheme</th>"
                + "<th>MSE validation</th><th>R² validation</th><th>MSE test</th><th>R² test</th></tr>");
        for (var e : schemes.entrySet()) {
            JsonNode val = e.getValue().path(OfflineOutputs.VALIDATION);
            JsonNode test = e.getValue().path(OfflineOutputs.TEST);
            html.append("<tr><th>").append(esc(e.getKey())).append("</th>")
                    .append(cell(val.get(OfflineOutputs.MSE))).append(cell(val.get(OfflineOutputs.R2)))
                    .append(cell(test.get(OfflineOutputs.MSE))).append(cell(test.get(OfflineOutputs.R2)))
                    .append("</tr>");
        }
        html.append("</table>\n");
        int k = spec.world().k();
        for (String segment : OfflineOutputs.SEGMENTS) {
            List<String> rows = new ArrayList<>();
            for (var e : schemes.entrySet()) {
                JsonNode r2 = e.getValue().path(segment).path(OfflineOutputs.R2_PER_K);
                if (!r2.isArray()) {
                    continue;
                }
                StringBuilder row = new StringBuilder("<tr><th>").append(esc(e.getKey())).append("</th>");
                for (int i = 0; i < k; i++) {
                    row.append(cell(r2.get(i)));
                }
                rows.add(row.append("</tr>").toString());
            }
            if (rows.isEmpty()) {
                continue;
            }
            html.append("<h3>R² per k, ").append(segment).append(" segment</h3>\n<table class=\"skill\"><tr>"
                    + "<th>scheme</th>");
            for (int i = 0; i < k; i++) {
                html.append("<th>k = ").append(i).append("</th>");
            }
            html.append("</tr>");
            rows.forEach(html::append);
            html.append("</table>\n");
        }
        html.append("<p>MSE = mean (P − U)² of the predicted coupling term P against the true U (units of U "
                + "squared); R² = 1 − Σ(P − U)² / Σ(U − mean U)², pooled over every k (mean over them all) and per "
                + "k. Polynomials are fitted on the training segment.</p>\n");
    }

    /**
     * Every polynomial's coefficients (ascending powers, as added to the tendency) and, for a stochastic scheme, its
     * noise: form, process, φ at the sampling interval and the form's standard deviations, fitted or given.
     */
    private static void polynomialTable(Map<String, JsonNode> polynomials, StringBuilder html) {
        if (polynomials.isEmpty()) {
            return;
        }
        html.append("<h2>Polynomials</h2>\n<table class=\"skill\"><tr><th>scheme</th><th>coefficients c₀, c₁, …"
                + "</th><th>noise</th><th>φ at Δ</th><th>standard deviations</th><th>fitted</th></tr>");
        for (var e : polynomials.entrySet()) {
            JsonNode m = e.getValue();
            JsonNode noise = m.path(PolynomialOutputs.NOISE);
            StringBuilder coefficients = new StringBuilder();
            for (JsonNode c : m.path(PolynomialOutputs.COEFFICIENTS)) {
                coefficients.append(coefficients.length() == 0 ? "" : ", ").append(text(c));
            }
            html.append("<tr><th>").append(esc(e.getKey())).append("</th><td class=\"num\">")
                    .append(esc(coefficients.length() == 0 ? "—" : coefficients.toString()));
            if (noise.isMissingNode()) {
                html.append("</td><td>—</td><td>—</td><td>—</td><td>—</td></tr>");
                continue;
            }
            StringBuilder sigmas = new StringBuilder();
            noise.fields().forEachRemaining(f -> {
                if (f.getKey().startsWith("sigma")) {
                    sigmas.append(sigmas.length() == 0 ? "" : ", ").append(f.getKey()).append(" ")
                            .append(text(f.getValue()));
                }
            });
            html.append(noise.hasNonNull(EvaluationOutputs.NOISE_BASE) && coefficients.length() == 0
                            ? " (base " + esc(noise.get(EvaluationOutputs.NOISE_BASE).asText()) + ")" : "")
                    .append("</td><td>").append(esc(text(noise.get(EvaluationOutputs.NOISE_FORM)))).append(", ")
                    .append(esc(text(noise.get(EvaluationOutputs.NOISE_PROCESS)))).append("</td>")
                    .append(cell(noise.get(EvaluationOutputs.NOISE_PHI)))
                    .append("<td class=\"num\">").append(esc(sigmas.toString())).append("</td><td>")
                    .append(esc(fittedText(noise.path(EvaluationOutputs.NOISE_FITTED))))
                    .append("</td></tr>");
        }
        html.append("</table>\n<p>Coefficients in ascending powers: P(X) = c₀ + c₁X + c₂X² + …, as added to the "
                + "tendency (a stochastic scheme shows its base's); φ is the noise's lag-one autocorrelation at the "
                + "sampling interval Δ (converted to the coarse step dt as φ^(dt/Δ)); the standard deviations are "
                + "named as in dsl-docs/stochastic.md (Arnold et al. 2013).</p>\n");
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "—"
                : n.isNumber() ? ReportStage.number(n.asDouble(), ReportStage.DIGITS) : n.asText();
    }

    private static String cell(JsonNode n) {
        return "<td class=\"num\">" + esc(text(n)) + "</td>";
    }

    /** "given", "fitted: phi, sigma" from the noise's list of fitted parameters. */
    private static String fittedText(JsonNode fitted) {
        List<String> names = new ArrayList<>();
        fitted.forEach(n -> names.add(n.asText()));
        return names.isEmpty() ? "given" : "fitted: " + String.join(", ", names);
    }
}
