package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Reference numbers come from NumPy 2.4.6 (legacy global RandomState): the short ones are pasted below, the long
 * ones (1000 Gaussians / 400 uniforms per seed, crossing the 624-word refill several times) are in
 * numpy_legacy_random.json, made with np.random.seed(s); np.random.randn(1000), and so on (see its description).
 */
class NumpyRandomTest {

    /** np.random.seed(14); np.random.randn(8) — the seed notebook's X0 / 10. */
    private static final double[] SEED14_RANDN8 = {1.551339111253063, 0.07918602460882154, 0.17397652845616982,
        -0.07233656616617674, -2.0043294001721854, 0.14467781319031608, -1.5011686222970952, 0.21110945095104303};

    /** np.random.seed(0); np.random.random_sample(4). */
    private static final double[] SEED0_UNIFORM4 = {0.5488135039273248, 0.7151893663724195, 0.6027633760716439,
        0.5448831829968969};

    /** np.random.seed(2**31-1); a = np.random.randn(700): a[0:3], a[620:625], a[699]. */
    private static final double[] SEED_2P31M1_HEAD = {1.628680950870893, -1.1083224214197442, 1.3931666912751481};
    private static final double[] SEED_2P31M1_620 = {-0.14054586735654412, -1.194555507421753, -0.5941331895076385,
        0.282041694054824, 0.1177728603729235};
    private static final double SEED_2P31M1_699 = 0.30049409563962415;

    @Test
    void pastedNumpyValues() {
        assertArrayEquals(SEED14_RANDN8, new NumpyRandom(14).randn(8), 0.0);
        assertArrayEquals(SEED0_UNIFORM4, new NumpyRandom(0).randomSample(4), 0.0);
        double[] a = new NumpyRandom(2147483647L).randn(700);
        assertArrayEquals(SEED_2P31M1_HEAD, Golden.slice(a, 0, 3), 0.0);
        assertArrayEquals(SEED_2P31M1_620, Golden.slice(a, 620, 5), 0.0);
        assertEquals(SEED_2P31M1_699, a[699], 0.0);
    }

    @Test
    void rawStreamIsStandardMt19937() {
        // values fixed by the C++ standard for std::mt19937 with the default seed 5489 (init_genrand)
        NumpyRandom r = new NumpyRandom(5489);
        assertEquals(3499211612L, Integer.toUnsignedLong(r.nextInt32()));
        for (int i = 2; i < 10000; i++) {
            r.nextInt32();
        }
        assertEquals(4123659995L, Integer.toUnsignedLong(r.nextInt32()));
    }

    @Test
    void longSequencesMatchNumpy() {
        JsonNode ref = Golden.resource("numpy_legacy_random.json");
        int gaussians = 0;
        int exact = 0;
        for (JsonNode c : ref.get("cases")) {
            long seed = c.get("seed").asLong();
            // uniforms are pure integer arithmetic plus one exact division: bit-identical
            assertArrayEquals(Golden.vec(c.get("random_sample")), new NumpyRandom(seed).randomSample(400), 0.0,
                    "random_sample, seed " + seed);
            double[] expected = Golden.vec(c.get("randn"));
            double[] actual = new NumpyRandom(seed).randn(expected.length);
            for (int i = 0; i < expected.length; i++) {
                // the polar method's log comes from the C library in NumPy: one-ulp differences are possible
                double rel = Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]);
                assertTrue(rel <= 1e-15, "randn seed " + seed + " index " + i + ": " + actual[i] + " vs "
                        + expected[i]);
                gaussians++;
                if (actual[i] == expected[i]) {
                    exact++;
                }
            }
        }
        assertTrue(exact >= gaussians - 10, "only " + exact + " of " + gaussians + " Gaussians bit-identical");
    }

    @Test
    void cachedGaussianSurvivesUniformDraws() {
        JsonNode m = Golden.resource("numpy_legacy_random.json").get("mixed_seed14");
        NumpyRandom r = new NumpyRandom(14);
        assertArrayEquals(Golden.vec(m.get("randn3")), r.randn(3), 0.0);
        assertArrayEquals(Golden.vec(m.get("random_sample2")), r.randomSample(2), 0.0);
        assertArrayEquals(Golden.vec(m.get("randn3_again")), r.randn(3), 0.0);
    }

    @Test
    void reseedingRestartsTheStreamAndDropsTheCache() {
        NumpyRandom r = new NumpyRandom(14);
        r.randn(3); // leaves a cached Gaussian
        r.seed(14);
        assertArrayEquals(SEED14_RANDN8, r.randn(8), 0.0);
    }

    @Test
    void seedRange() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(1L << 32));
        new NumpyRandom(0xFFFFFFFFL);
    }

    @Test
    void seededInitialStateIsBTimesRandnThenRandn() {
        L96Params p = new L96Params(5, 3, 8.0, 1.0, 7.0, 10.0);
        TwoScaleState s = TwoScaleL96.seededInitialState(p, 3);
        NumpyRandom r = new NumpyRandom(3);
        double[] x = r.randn(5);
        for (int i = 0; i < 5; i++) {
            assertEquals(7.0 * x[i], s.x()[i], 0.0);
        }
        assertArrayEquals(r.randn(15), s.y(), 0.0);
    }
}
