package org.l96.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ExperimentSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The plan's reasons for stages whose last run failed or was skipped, and that a stage reused is one not run. */
class CachePlanTest {
    private static ExperimentSpec spec() {
        return new ExperimentSpec("exp", 1, null, null, null, null, null, null, null, null, null);
    }

    private static Stage stage(String name, List<String> inputs, AtomicBoolean fails) {
        return new Stage() {
            public String name() {
                return name;
            }

            public List<String> inputs() {
                return inputs;
            }

            public Object keyMaterial() {
                return name;
            }

            public void run(StageContext ctx) throws Exception {
                if (fails.get()) {
                    throw new UserError("boom");
                }
                Files.writeString(ctx.dir().resolve("out.txt"), name);
            }
        };
    }

    @Test
    void aFailedStageAndWhatItSkippedSayWhy(@TempDir Path out) throws Exception {
        AtomicBoolean never = new AtomicBoolean(false);
        AtomicBoolean fails = new AtomicBoolean(true);
        List<Stage> stages = List.of(stage("simulate", List.of(), never), stage("train-a", List.of("simulate"), fails),
                stage("chart", List.of("train-a"), never));
        Runner.Result r = new Runner(out, new PrintStream(new ByteArrayOutputStream()), false, 1)
                .run(spec(), stages, false);
        assertFalse(r.ok());

        List<CachePlan.Entry> plan = CachePlan.of(spec(), stages, out);
        assertEquals(new CachePlan.Entry("simulate", CachePlan.Action.REUSE, List.of()), plan.get(0));
        assertEquals(new CachePlan.Entry("train-a", CachePlan.Action.RUN, List.of("stored run failed: boom")),
                plan.get(1));
        assertEquals(new CachePlan.Entry("chart", CachePlan.Action.RUN,
                List.of("stored run skipped: an input failed: train-a")), plan.get(2));

        fails.set(false);
        Runner.Result again = new Runner(out, new PrintStream(new ByteArrayOutputStream()), false, 1)
                .run(spec(), stages, false);
        for (int i = 0; i < stages.size(); i++) {
            assertEquals(plan.get(i).action() == CachePlan.Action.REUSE, again.stages().get(i).cached(),
                    stages.get(i).name());
        }
        CachePlan.of(spec(), stages, out).forEach(e -> assertEquals(CachePlan.Action.REUSE, e.action(), e.stage()));
    }
}
