package org.l96.run;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.nn.Networks;
import org.l96.nn.Optimizers;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A model.zip is read back as the layers that built it (issue 14 §2): DL4J's DropoutLayer and BatchNormalization
 * are FeedForwardLayers, so a reader that tests for dense first reads a dropout as {@code dense N, sigmoid}.
 */
class LoadedModelLayersTest {

    private static List<LayerSpec> roundTrip(Path dir, List<LayerSpec> layers, int nIn) throws Exception {
        NetworkSpec spec = new NetworkSpec("non-local", layers, "pytorch", "mse", null, null);
        MultiLayerNetwork net = Networks.build(spec, nIn, Optimizers.updater(OptimizerSpec.Adam.withLr(0.001), null),
                List.of(), 1);
        java.nio.file.Files.createDirectories(dir);
        Path zip = dir.resolve("model.zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);
        ExternalInputs.Model m = ExternalInputs.model(zip);
        assertNull(m.unknownLayer(), "every layer is one l96 builds");
        assertEquals(nIn, m.nIn(), "inputs");
        return m.layers();
    }

    @Test
    void dropoutAndBatchNormBetweenDenseLayers(@TempDir Path dir) throws Exception {
        List<LayerSpec> layers = List.of(new LayerSpec.Dense(16, "relu"), new LayerSpec.Dropout(0.2),
                new LayerSpec.BatchNorm(0.1, 1e-5), new LayerSpec.Dense(16, "tanh"), new LayerSpec.Dropout(0.5),
                new LayerSpec.Dense(8, "identity"));
        assertEquals(layers, roundTrip(dir, layers, 8));
    }

    @Test
    void dropoutAndBatchNormFirst(@TempDir Path dir) throws Exception {
        List<LayerSpec> dropoutFirst = List.of(new LayerSpec.Dropout(0.3), new LayerSpec.Dense(12, "relu"),
                new LayerSpec.Dense(1, "identity"));
        assertEquals(dropoutFirst, roundTrip(dir.resolve("a"), dropoutFirst, 3));
        List<LayerSpec> batchNormFirst = List.of(new LayerSpec.BatchNorm(0.1, 1e-5), new LayerSpec.Dropout(0.1),
                new LayerSpec.Dense(1, "identity"));
        assertEquals(batchNormFirst, roundTrip(dir.resolve("b"), batchNormFirst, 8));
    }
}
