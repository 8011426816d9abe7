package org.l96.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch norm with PyTorch's momentum meaning: running = (1 - momentum) · running + momentum · batch statistic, the
 * variance's batch statistic being the unbiased one (divided by n - 1) as in PyTorch, not DL4J's biased one (see
 * {@link org.l96.nn.dl4j.TorchBatchNorm}). Training step by step: {@link PyTorchSemanticsTest}.
 */
class BatchNormTest {

    @Test
    void runningStatisticsFollowPyTorchsMomentum() {
        NetworkSpec spec = new NetworkSpec("non-local", List.of(new LayerSpec.Dense(3, "identity"),
                new LayerSpec.BatchNorm(0.1, 1e-5), new LayerSpec.Dense(2, "identity")), "pytorch", "mse", null,
                null);
        MultiLayerNetwork net = Networks.build(spec, 4, Optimizers.updater(OptimizerSpec.Adam.withLr(1e-3), null),
                List.of(), 7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 64, 4).muli(3).addi(1);
        INDArray y = Nd4j.randn(DataType.FLOAT, 64, 2);
        INDArray dense = net.feedForward(x, false).get(1).dup(); // dense output with the pre-update weights
        net.fit(new DataSet(x, y));
        INDArray mean = net.getLayer(1).getParam("mean");
        INDArray var = net.getLayer(1).getParam("var");
        for (int j = 0; j < 3; j++) {
            double m = 0;
            for (int i = 0; i < 64; i++) {
                m += dense.getDouble(i, j) / 64;
            }
            double ss = 0;
            for (int i = 0; i < 64; i++) {
                double d = dense.getDouble(i, j) - m;
                ss += d * d;
            }
            double biased = ss / 64;
            double unbiased = ss / 63;
            assertEquals(0.9 * 0 + 0.1 * m, mean.getDouble(j), 1e-5 * (1 + Math.abs(m)), "running mean " + j);
            assertEquals(0.9 + 0.1 * unbiased, var.getDouble(j), 1e-5 * (1 + unbiased), "running variance " + j);
            assertTrue(0.1 * (unbiased - biased) > 1e-3, "the test tells unbiased from biased");
        }
    }
}
