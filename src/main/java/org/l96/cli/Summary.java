package org.l96.cli;

import org.l96.run.Runner;
import org.l96.run.StageRecord;

import java.io.PrintStream;
import java.util.function.Function;

/** The short table a run ends with: each stage, whether it was reused, its time, and where the results are. */
final class Summary {
    private Summary() {
    }

    static void print(Runner.Result result, PrintStream out, Function<String, String> declaredAt) {
        double total = 0;
        for (StageRecord r : result.stages()) {
            String state = switch (r.status()) {
                case StageRecord.OK -> r.cached() ? "reused" : "ran";
                default -> r.status();
            };
            String where = StageRecord.FAILED.equals(r.status()) ? declaredAt.apply(r.name()) : null;
            out.printf("%-32s %-8s %8.2f s%s%s%n", r.name(), state, r.seconds(),
                    r.error() == null ? "" : "  " + r.error(), where == null ? "" : " (declared at " + where + ")");
            total += r.seconds();
        }
        out.printf("%-32s %-8s %8.2f s%n", "total (stage time)", "", total);
        out.println("manifest: " + result.manifest());
        if (!result.ok()) {
            out.println(result.failed().size() + " stage(s) failed; the others are kept and reused next time.");
        }
    }
}
