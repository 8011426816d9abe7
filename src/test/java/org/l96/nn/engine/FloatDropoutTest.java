package org.l96.nn.engine;

import org.junit.jupiter.api.Test;
import org.l96.nn.Networks;
import org.l96.nn.Optimizers;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The engine's dropout with PyTorch's meaning ({@code dropout p} drops each unit with probability p and scales the
 * kept ones by 1/(1-p) in training; nothing in evaluation), seeded: the same seed gives the same masks. The agreement
 * test replays the engine's masks in DL4J, so the rate itself is checked here.
 */
class FloatDropoutTest {

    static FloatMlp mlp(double rate, long seed) {
        NetworkSpec spec = new NetworkSpec("non-local", List.of(new LayerSpec.Dense(50, "identity"),
                new LayerSpec.Dropout(rate), new LayerSpec.Dense(1, "identity")), "pytorch", "mse", null, null);
        OptimizerSpec opt = OptimizerSpec.Adam.withLr(0.01);
        return Dl4jBridge.read(Networks.build(spec, 2, Optimizers.updater(opt, null), List.of(), 1), 1000, seed);
    }

    static org.l96.data.Dataset ones(int n) {
        float[] x = new float[2 * n];
        java.util.Arrays.fill(x, 1f);
        return new org.l96.data.Dataset(x, 2, new float[n], 1);
    }

    @Test
    void dropsItsRateAndScalesTheRest() {
        FloatMlp m = mlp(0.8, 3);
        m.load(ones(1000), 0, 1000);
        m.forward(1000, true);
        int dropped = 0;
        for (int u = 0; u < 50; u++) {
            for (float v : m.mask(1, u)) {
                if (v == 0) {
                    dropped++;
                } else {
                    assertEquals(1 / 0.2f, v, 1e-6f, "kept units scaled by 1/(1-p)");
                }
            }
        }
        // 50000 Bernoulli(0.8) draws: standard deviation 0.0018
        assertEquals(0.8, dropped / 50_000.0, 0.01, "fraction dropped");
    }

    @Test
    void sameSeedSameMasksAndNoneInEvaluation() {
        FloatMlp a = mlp(0.5, 7);
        FloatMlp b = mlp(0.5, 7);
        FloatMlp c = mlp(0.5, 8);
        for (FloatMlp m : List.of(a, b, c)) {
            m.load(ones(1000), 0, 1000);
            m.forward(1000, true);
        }
        assertArrayEquals(a.mask(1, 3), b.mask(1, 3));
        assertFalse(java.util.Arrays.equals(a.mask(1, 3), c.mask(1, 3)));
        // evaluation: the dropout layer passes its input through, so the output is the plain network's
        float[] in = {1f, 1f};
        float[] viaDropout = new float[1];
        a.predict(in, 1, viaDropout);
        FloatMlp plain = mlp(0.0, 7);
        float[] noDropout = new float[1];
        plain.predict(in, 1, noDropout);
        assertEquals(noDropout[0], viaDropout[0], 0f);
    }
}
