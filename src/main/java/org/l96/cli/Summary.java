package org.l96.cli;

import org.l96.run.Findings;
import org.l96.run.MetricsJson;
import org.l96.run.Runner;
import org.l96.run.StageRecord;
import org.l96.run.stages.ChartOutputs;
import org.l96.run.stages.OfflineOutputs;
import org.l96.run.stages.PolynomialOutputs;
import org.l96.run.stages.TrainOutputs;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/**
 * The short table a run ends with: each stage with its mark (✓ done, ⚠ done but its result is wrong: a diverged
 * training, a scheme that blew up; ✗ failed; – skipped), whether it was reused, its time; then what went wrong or
 * must be known (see {@link Findings}) and where the results are.
 */
final class Summary {
    private Summary() {
    }

    static void print(Runner.Result result, PrintStream out, Function<String, String> declaredAt) {
        double total = 0;
        // the time column lines up under the longest stage name (30 characters at least)
        int width = 30;
        for (StageRecord r : result.stages()) {
            width = Math.max(width, r.name().length());
        }
        String row = "%s %-" + width + "s %-8s %8.2f s%s%s%n";
        for (StageRecord r : result.stages()) {
            List<Findings.Finding> findings = StageRecord.OK.equals(r.status())
                    ? Findings.ofStage(r.name(), MetricsJson.toTree(r.metrics())) : List.of();
            boolean problem = findings.stream().anyMatch(Findings.Finding::problem);
            String mark = switch (r.status()) {
                case StageRecord.OK -> problem ? "⚠" : "✓";
                case StageRecord.FAILED -> "✗";
                default -> "–";
            };
            String state = switch (r.status()) {
                case StageRecord.OK -> TrainOutputs.networkOf(r.name()) != null && problem ? "diverged"
                        : r.cached() ? "reused" : "ran";
                default -> r.status();
            };
            String where = StageRecord.FAILED.equals(r.status()) ? declaredAt.apply(r.name()) : null;
            out.printf(row, mark, r.name(), state, r.seconds(),
                    r.error() == null ? "" : "  " + r.error(), where == null ? "" : " (declared at " + where + ")");
            total += r.seconds();
        }
        out.printf("  %-" + width + "s %-8s %8.2f s%n", "total (stage time)", "", total);
        for (Findings.Finding f : Findings.of(result.stages())) {
            out.println((f.problem() ? "⚠ " : "  ") + f.text());
        }
        scores(result, out);
        List<String> leftovers = Runner.leftoverStages(result.experimentDir(),
                result.stages().stream().map(StageRecord::name).toList());
        if (!leftovers.isEmpty()) {
            out.println("  left from earlier runs, not stages of this script (kept; delete them when not needed): "
                    + String.join(", ", leftovers));
        }
        List<String> superseded = Runner.supersededInterrupted(result.experimentDir(), result.stages().stream()
                .filter(r -> StageRecord.OK.equals(r.status())).map(StageRecord::name).toList());
        if (!superseded.isEmpty()) {
            out.println("  from an earlier interrupted run, whose stage" + (superseded.size() == 1 ? " has" : "s have")
                    + " finished since (kept; delete when not needed): " + String.join(", ", superseded));
        }
        out.println("manifest: " + result.manifest());
        if (!result.ok()) {
            long charts = result.failed().stream().filter(r -> ChartOutputs.isChart(r.name())).count();
            out.println(result.failed().size() + " stage(s) failed" + (charts > 0 ? " (" + charts + " chart(s): "
                    + "the report shows what was drawn and names what was not)" : "")
                    + "; the others are kept and reused next time.");
        }
    }

    /**
     * One line per network and polynomial: its losses (a network's kept validation loss and test loss) and its
     * offline R² and MSE on the validation and test segments.
     */
    private static void scores(Runner.Result result, PrintStream out) {
        boolean heading = false;
        for (StageRecord r : result.stages()) {
            String network = TrainOutputs.networkOf(r.name());
            String polynomial = PolynomialOutputs.polynomialOf(r.name());
            if (!StageRecord.OK.equals(r.status()) || network == null && polynomial == null) {
                continue;
            }
            JsonNode m = MetricsJson.toTree(r.metrics()).path(network != null ? TrainOutputs.metricPath(network)
                    : PolynomialOutputs.metricPath(polynomial));
            if (m.isMissingNode() || !m.has(OfflineOutputs.OFFLINE)) { // a stochastic scheme: its base's scores
                continue;
            }
            if (!heading) {
                out.println("offline scores (validation / test):");
                heading = true;
            }
            JsonNode offline = m.path(OfflineOutputs.OFFLINE);
            StringBuilder line = new StringBuilder(String.format("  %-16s", network != null ? network : polynomial));
            if (network != null) {
                // an online network's losses are rollout losses (X over the window), not the offline loss
                line.append(m.has(TrainOutputs.ROLLOUT) ? " rollout loss " : " loss ")
                        .append(g(m.get(TrainOutputs.KEPT_VAL_LOSS))).append(" / ")
                        .append(g(m.get(TrainOutputs.TEST_LOSS)));
            }
            line.append(network != null ? "  R² " : " R² ").append(g(offline.path(OfflineOutputs.VALIDATION).get(OfflineOutputs.R2)))
                    .append(" / ").append(g(offline.path(OfflineOutputs.TEST).get(OfflineOutputs.R2)))
                    .append("  MSE ").append(g(offline.path(OfflineOutputs.VALIDATION).get(OfflineOutputs.MSE)))
                    .append(" / ").append(g(offline.path(OfflineOutputs.TEST).get(OfflineOutputs.MSE)));
            out.println(line);
        }
    }

    /** A number to 4 significant digits, "—" for none. */
    private static String g(JsonNode n) {
        return n == null || !n.isNumber() ? "—" : String.format(java.util.Locale.ROOT, "%.4g", n.asDouble());
    }
}
