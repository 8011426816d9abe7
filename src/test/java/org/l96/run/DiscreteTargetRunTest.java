package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Dataset;
import org.l96.data.Npy;
import org.l96.data.TrainingData;
import org.l96.dsl.Experiment;
import org.l96.spec.ExperimentSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An experiment on the discrete target through every stage: no network, fit or chart sees its NaN last row; Y's
 * history is not written unless asked, and a trajectory from the middle of the run, whose Y is then recomputed,
 * gives the same numbers as one that reads it from a kept Y.
 */
class DiscreteTargetRunTest {

    private static ExperimentSpec spec(boolean keepY) {
        return Experiment.named("discrete").seed(3)
                .simulate(s -> {
                    s.sampleEvery(0.005).samples(3000).spinUp(1).couplingTarget("discrete");
                    if (keepY) {
                        s.keepY(true);
                    }
                })
                .data(d -> d.validationLast(400).batchSize(256)) // validation ends at the last pair
                .network("ann", n -> n.layers(l -> l.dense(8, "tanh").dense(8)).train(t -> t.epochs(2)))
                .network("loc", n -> n.local().layers(l -> l.dense(4, "tanh").dense(1)).train(t -> t.epochs(2)))
                .polynomial("cubic", p -> p.fitDegree(3))
                .trajectory("mid", t -> t.compare("none", "cubic", "ann").start(1200).duration(0.5))
                .trajectory("end", t -> t.compare("none", "cubic").start(-1).duration(0.5))
                .charts(c -> c.predictions("ann"))
                .build();
    }

    private static void assertAllFinite(float[] values, String what) {
        for (float v : values) {
            assertTrue(Float.isFinite(v), what + " holds " + v);
        }
    }

    @Test
    void nothingTrainsOnTheNaNRowAndYIsKeptOnlyWhenAsked(@TempDir Path out) throws IOException {
        ExperimentRunner.inFolder(out.resolve("a")).parallel(1).run(spec(false));
        Path sim = out.resolve("a/discrete/simulate");
        assertFalse(Files.exists(sim.resolve(SimulationFiles.Y)), "Y's history is written only with keepY");
        assertTrue(Files.exists(sim.resolve(SimulationFiles.Y_LAST)));
        SimulationFiles.Loaded loaded = SimulationFiles.read(sim, false);
        assertEquals(3001, loaded.rows());
        assertTrue(Double.isNaN(loaded.coupling()[3000 * 8]), "the stored last row is NaN");
        assertEquals(3000, loaded.pairRows());

        // the data the networks train and validate on: the last validation pair is row 2999, never the NaN row
        // (were it there, the validation loss below would be NaN)
        for (boolean local : new boolean[]{false, true}) {
            TrainingData d = TrainingData.from(loaded.x(), loaded.coupling(), loaded.pairRows(), loaded.k(),
                    spec(false).data(), local);
            for (Dataset set : new Dataset[]{d.train(), d.validation()}) {
                assertAllFinite(set.inputs(), "inputs");
                assertAllFinite(set.targets(), "targets");
            }
            assertEquals((local ? 8 : 1) * 400, d.validation().size(), "the validation segment is the last 400 pairs");
            float[] targets = d.validation().targets();
            assertEquals(loaded.coupling()[2999 * 8 + 7], targets[targets.length - 1],
                    1e-5 * Math.abs(loaded.coupling()[2999 * 8 + 7]));
        }

        JsonNode metrics = new ObjectMapper().readTree(out.resolve("a/discrete/manifest.json").toFile())
                .get("metrics");
        for (String n : new String[]{"ann", "loc"}) {
            JsonNode m = metrics.get("networks").get(n);
            assertFalse(m.get("diverged").asBoolean(), n + ": " + m);
            assertTrue(Double.isFinite(m.get("finalValLoss").asDouble()) && m.get("finalValLoss").isNumber(),
                    n + ": " + m);
            double[] pred = Npy.read(out.resolve("a/discrete/train-" + n + "/predictions.npy")).data();
            for (double v : pred) {
                assertTrue(Double.isFinite(v), n + " predicts " + v);
            }
        }
        JsonNode cubic = metrics.get("online").get("mid").get("cubic");
        assertEquals(4, cubic.get("coefficients").size());
        cubic.get("coefficients").forEach(c -> assertTrue(c.isNumber() && Double.isFinite(c.asDouble()), "" + c));
        assertTrue(cubic.get("meanAbsError").isNumber(), cubic.toString());

        // the same run keeping Y: the trajectory from sample 1200 reads Y there instead of recomputing it
        ExperimentRunner.inFolder(out.resolve("b")).parallel(1).run(spec(true));
        Path simY = out.resolve("b/discrete/simulate");
        assertEquals(3001, Npy.read(simY.resolve(SimulationFiles.Y)).shape()[0]);
        for (String e : new String[]{"mid", "end"}) {
            assertArrayEquals(Npy.read(out.resolve("b/discrete/evaluate-" + e + "/truth.npy")).data(),
                    Npy.read(out.resolve("a/discrete/evaluate-" + e + "/truth.npy")).data(), 0.0, e);
        }
        JsonNode metricsY = new ObjectMapper().readTree(out.resolve("b/discrete/manifest.json").toFile())
                .get("metrics");
        assertEquals(metrics.get("online"), metricsY.get("online"));
    }
}
