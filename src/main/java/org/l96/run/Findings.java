package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.run.stages.EvaluationOutputs;
import org.l96.run.stages.LrRangeTestOutputs;
import org.l96.run.stages.TrainOutputs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished run must tell besides its numbers, read from the stages' metrics so that a reused stage says
 * the same as a computed one: trainings that diverged, the weights a training kept when they are not the last
 * epoch's, schemes that blew up in an evaluation (and when), diverged networks used online. The console summary
 * and {@code report.html} both show these.
 */
public final class Findings {
    private Findings() {
    }

    /** A finding: the stage it belongs to, whether it is a problem (⚠) or information, and what to say. */
    public record Finding(String stage, boolean problem, String text) {
    }

    /** The findings of one stage from its metrics (the {@code metrics} object of its {@code stage.json}). */
    public static List<Finding> ofStage(String stage, JsonNode metrics) {
        List<Finding> out = new ArrayList<>();
        if (metrics == null) {
            return out;
        }
        Map<String, List<String>> unstable = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = e.getKey();
            JsonNode m = e.getValue();
            String net = TrainOutputs.networkOfMetric(path);
            String rangeTest = LrRangeTestOutputs.testOfMetric(path);
            if (rangeTest != null && m.has(LrRangeTestOutputs.SUGGESTED_LR)
                    && !m.path(LrRangeTestOutputs.SUGGESTED_LR).isNumber()) {
                // the loss rose from the first rates: there is no descent to suggest a rate from
                out.add(new Finding(stage, true, "LR range test '" + rangeTest + "' suggests no rate: the loss did "
                        + "not fall before it stopped at lr " + num(m.path(LrRangeTestOutputs.STOPPED_AT_LR))
                        + "; start the ramp lower (from) or give it more iterations"));
                continue;
            }
            String[] scheme = EvaluationOutputs.evaluationAndScheme(path);
            if (net != null) {
                if (diverged(m)) {
                    out.add(new Finding(stage, true, "network '" + net + "' "
                            + (m.path(TrainOutputs.DIVERGENCE).isTextual() ? m.path(TrainOutputs.DIVERGENCE).asText()
                            : "diverged (loss not finite)")
                            + (m.path(TrainOutputs.KEPT_VAL_LOSS).isNumber() ? "; it keeps the weights of epoch "
                            + m.path(TrainOutputs.KEPT_EPOCH).asInt() + " (validation loss "
                            + num(m.path(TrainOutputs.KEPT_VAL_LOSS)) + ")"
                            : m.has(TrainOutputs.KEPT_VAL_LOSS) ? "; its weights are not finite" : "")));
                } else {
                    // early stopping is said, and kept weights other than the last epoch's (restoreBest whose best
                    // was the last: nothing to say)
                    boolean early = org.l96.nn.Metrics.StopReason.EARLY_STOPPED.name()
                            .equals(m.path(TrainOutputs.STOP_REASON).asText());
                    int epochs = m.path(TrainOutputs.EPOCHS).asInt();
                    String stopped = early ? "stopped early (its validation loss no longer improved) after epoch "
                            + epochs : null;
                    if (m.path(TrainOutputs.RESTORED_BEST).asBoolean(false)) {
                        out.add(new Finding(stage, false, "network '" + net + "' "
                                + (stopped != null ? stopped + " and " : "") + "keeps the weights of epoch "
                                + m.path(TrainOutputs.KEPT_EPOCH).asInt() + " of " + epochs + ", its best (validation "
                                + "loss " + num(m.path(TrainOutputs.KEPT_VAL_LOSS)) + ")"));
                    } else if (stopped != null) {
                        out.add(new Finding(stage, false, "network '" + net + "' " + stopped));
                    }
                }
            } else if (scheme != null && m.path(EvaluationOutputs.UNSTABLE_AT).isNumber()) {
                double fraction = m.path(EvaluationOutputs.UNSTABLE_FRACTION).asDouble(1.0);
                String when = "at t = " + num(m.path(EvaluationOutputs.UNSTABLE_AT));
                JsonNode runs = m.path(EvaluationOutputs.INITIAL_CONDITIONS);
                if (fraction < 1.0 && runs.isNumber()) {
                    JsonNode ci = m.path(EvaluationOutputs.UNSTABLE_FRACTION_CI);
                    when = "in " + Math.round(fraction * runs.asInt()) + " of " + runs.asInt() + " runs"
                            + (ci.size() == 2 && ci.get(0).isNumber() && ci.get(1).isNumber()
                            ? " (fraction " + num(m.path(EvaluationOutputs.UNSTABLE_FRACTION)) + ", 95% interval "
                            + num(ci.get(0)) + "–" + num(ci.get(1)) + ")" : "")
                            + ", the first " + when;
                }
                if (m.path(EvaluationOutputs.MEDIAN_TIME_TO_BLOW_UP).isNumber()) {
                    when += ", median time to blow-up " + num(m.path(EvaluationOutputs.MEDIAN_TIME_TO_BLOW_UP));
                }
                unstable.computeIfAbsent(scheme[0], k -> new ArrayList<>()).add("'" + scheme[1] + "' " + when);
            }
        }
        unstable.forEach((evaluation, schemes) -> out.add(new Finding(stage, true, "unstable in '" + evaluation
                + "': " + String.join(", ", schemes))));
        return out;
    }

    /**
     * Every finding of a run, stage by stage, then one per diverged network that an evaluation used online.
     *
     * @param metricsByStage each stage's {@code metrics} object, in plan order
     */
    public static List<Finding> of(Map<String, JsonNode> metricsByStage) {
        List<Finding> out = new ArrayList<>();
        Map<String, String> diverged = new LinkedHashMap<>();
        metricsByStage.forEach((stage, metrics) -> {
            out.addAll(ofStage(stage, metrics));
            if (metrics != null) {
                metrics.fields().forEachRemaining(e -> {
                    String net = TrainOutputs.networkOfMetric(e.getKey());
                    if (net != null && diverged(e.getValue())) {
                        diverged.put(net, stage);
                    }
                });
            }
        });
        Map<String, List<String>> usedBy = new LinkedHashMap<>();
        metricsByStage.forEach((stage, metrics) -> {
            if (metrics != null) {
                metrics.fieldNames().forEachRemaining(path -> {
                    String[] scheme = EvaluationOutputs.evaluationAndScheme(path);
                    if (scheme != null && diverged.containsKey(scheme[1])) {
                        usedBy.computeIfAbsent(scheme[1], k -> new ArrayList<>()).add("'" + scheme[0] + "'");
                    }
                });
            }
        });
        usedBy.forEach((net, evaluations) -> out.add(new Finding(diverged.get(net), true, "network '" + net
                + "' diverged in training and is used online by " + String.join(", ", evaluations))));
        return out;
    }

    /** The findings of a run's records (metrics as the stages recorded them or as read back from stage.json). */
    public static List<Finding> of(List<StageRecord> records) {
        Map<String, JsonNode> byStage = new LinkedHashMap<>();
        for (StageRecord r : records) {
            if (StageRecord.OK.equals(r.status()) && r.metrics() != null) {
                byStage.put(r.name(), MetricsJson.toTree(r.metrics()));
            }
        }
        return of(byStage);
    }

    /** A training's metrics say it diverged (older records only have the stop reason). */
    private static boolean diverged(JsonNode m) {
        return m.path(TrainOutputs.DIVERGED).asBoolean(false)
                || "DIVERGED".equals(m.path(TrainOutputs.STOP_REASON).asText());
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? num(n.asDouble()) : "—";
    }

    /** Four significant digits without trailing zeros: 0.09, 0.002, 1.234e-05. */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new java.math.BigDecimal(String.format("%.4g", v).replace(",", ".")).stripTrailingZeros()
                .toString();
    }
}
