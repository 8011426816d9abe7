package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.dsl.Experiment;
import org.l96.nn.DenseForward;
import org.l96.nn.TrainedNetwork;
import org.l96.spec.ExperimentSpec;
import org.l96.world.CoarseModel;
import org.l96.world.Integrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Online training through the whole run on a small world: the train stage writes what an offline training writes,
 * its rollout loss falls, its losses are the rollout loss over windows of the validation and test segments (checked
 * against the coarse model of {@code org.l96.world} in float64 with the saved network), and a network that
 * continues an offline one starts from its weights.
 */
class RolloutTrainingRunTest {
    private static final int STEPS = 4;
    private static final double SAMPLE = 0.01;

    private static ExperimentSpec spec() {
        return Experiment.named("online").seed(5)
                .world(w -> w.k(4).j(4).forcing(18).dt(0.005))
                .simulate(s -> s.sampleEvery(SAMPLE).samples(600).spinUp(1))
                .data(d -> d.validationLast(100).testLast(60).batchSize(64))
                .network("offline", n -> n.layers(l -> l.dense(8, "tanh").dense(4)).train(t -> t.epochs(3)))
                .network("online", n -> n.layers(l -> l.dense(8, "tanh").dense(4))
                        .train(t -> t.rollout(STEPS).batchSize(8).epochs(6).optimizer(t.adam(0.003))))
                // lr so small that its weights stay the offline network's to float precision
                .networkContinuing("tuned", "offline", n -> n.train(t -> t.rollout(STEPS).epochs(1)
                        .optimizer(t.adam(1e-12))))
                .build();
    }

    /** The rollout loss of {@code net} over the windows of rows [from, to), by the coarse model in float64. */
    private static double rolloutLoss(MultiLayerNetwork net, SimulationFiles.Loaded sim, int from, int to) {
        DenseForward f = DenseForward.of(net);
        CoarseModel model = new CoarseModel(18, (x, members, k, out) -> f.forward(x, members, out));
        int k = sim.k();
        double[] x = sim.x();
        int windows = (to - from - 1) / STEPS;
        double total = 0;
        for (int w = 0; w < windows; w++) {
            int start = from + w * STEPS;
            double[] x0 = java.util.Arrays.copyOfRange(x, start * k, (start + 1) * k);
            double[] run = model.run(x0, SAMPLE, STEPS, Integrator.RK4);
            double sum = 0;
            for (int n = 1; n <= STEPS; n++) {
                for (int i = 0; i < k; i++) {
                    double d = run[n * k + i] - x[(start + n) * k + i];
                    sum += d * d;
                }
            }
            total += sum / (STEPS * k);
        }
        return total / windows;
    }

    @Test
    void anOnlineTrainingWritesItsFilesItsRolloutLossFallsAndMeansWhatItSays(@TempDir Path out) throws IOException {
        Runner.Result result = ExperimentRunner.inFolder(out).parallel(1).run(spec());
        Path root = out.resolve("online");
        for (String file : new String[]{"model.zip", "history.json", "metrics.json", "weights.npz",
                "predictions.npy"}) {
            assertTrue(Files.exists(root.resolve("train-online").resolve(file)), file);
        }
        JsonNode manifest = new ObjectMapper().readTree(root.resolve("manifest.json").toFile());
        JsonNode m = manifest.at("/metrics/networks/online");
        SimulationFiles.Loaded sim = SimulationFiles.read(root.resolve("simulate"), false);
        int pairs = sim.pairRows();
        int trainRows = pairs - 160;
        JsonNode r = m.get("rollout");
        assertEquals(STEPS, r.get("steps").asInt(), r::toString);
        assertEquals("rk4", r.get("stepper").asText());
        assertEquals((trainRows - 1) / STEPS, r.get("trainWindows").asInt(), r::toString);
        assertEquals((100 - 1) / STEPS, r.get("validationWindows").asInt(), r::toString);
        assertEquals((60 - 1) / STEPS, r.get("testWindows").asInt(), r::toString);
        assertEquals(8, r.get("batchWindows").asInt());
        assertFalse(manifest.at("/metrics/networks/offline").has("rollout"), "an offline network has no rollout");

        // the rollout loss falls: the last epoch's training and validation loss are below the first's
        JsonNode epochs = new ObjectMapper().readTree(root.resolve("train-online/history.json").toFile())
                .get("epochs");
        assertEquals(6, epochs.size());
        // the schedule steps once per batch of windows: ⌈windows / 8⌉ rates per epoch
        JsonNode rates = new ObjectMapper().readTree(root.resolve("train-online/history.json").toFile())
                .get("iterationLr");
        assertEquals(6 * ((r.get("trainWindows").asInt() + 7) / 8), rates.size(), rates::toString);
        JsonNode first = epochs.get(0);
        JsonNode last = epochs.get(epochs.size() - 1);
        assertTrue(last.get("trainLoss").asDouble() < 0.8 * first.get("trainLoss").asDouble(), epochs::toString);
        assertTrue(last.get("valLoss").asDouble() < 0.8 * first.get("valLoss").asDouble(), epochs::toString);

        // kept and test losses are the float64 coarse model's rollout loss of the saved network on the windows of
        // the validation and test segments (float32 engine: relative 1e-4)
        MultiLayerNetwork saved = TrainedNetwork.loadNetwork(root.resolve("train-online/model.zip"));
        double val = rolloutLoss(saved, sim, trainRows, trainRows + 100);
        double test = rolloutLoss(saved, sim, trainRows + 100, pairs);
        assertEquals(val, m.get("keptValLoss").asDouble(), 1e-4 * val);
        assertEquals(test, m.get("testLoss").asDouble(), 1e-4 * test);
        assertEquals(last.get("valLoss").asDouble(), m.get("keptValLoss").asDouble(), 1e-6 * val);

        // 'tuned' continues 'offline' online: at a rate of 1e-12 its weights stay the offline network's, and its
        // loss is the offline network's rollout loss, which a fresh network would not have
        MultiLayerNetwork offline = TrainedNetwork.loadNetwork(root.resolve("train-offline/model.zip"));
        MultiLayerNetwork tuned = TrainedNetwork.loadNetwork(root.resolve("train-tuned/model.zip"));
        float[] a = offline.params().toFloatVector();
        float[] b = tuned.params().toFloatVector();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-6 * Math.max(1, Math.abs(a[i])), "parameter " + i);
        }
        double offlineVal = rolloutLoss(offline, sim, trainRows, trainRows + 100);
        assertEquals(offlineVal, manifest.at("/metrics/networks/tuned/keptValLoss").asDouble(), 1e-4 * offlineVal);
        assertTrue(Math.abs(offlineVal - val) > 1e-2 * val, "the tuned network is not the online one");
        // a new optimizer (another rate): its step count starts at 0 and counts this run's batches
        assertEquals(((trainRows - 1) / STEPS + 31) / 32, tuned.getIterationCount());
        assertTrue(result.ok(), result::toString);
    }
}
