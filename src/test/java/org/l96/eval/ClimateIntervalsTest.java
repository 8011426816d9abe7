package org.l96.eval;

import org.junit.jupiter.api.Test;
import org.l96.spec.EvaluationSpec;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The climate's block-bootstrap intervals of H and its paired differences, whatever the order of compare. */
class ClimateIntervalsTest {
    private static final L96Params P = L96Params.DEFAULT;
    private static final Parameterization A = (x, m, k, out) -> {
        for (int i = 0; i < m * k; i++) {
            out[i] = -0.85 * x[i] - 0.76;
        }
    };
    private static final Parameterization B = (x, m, k, out) -> {
        for (int i = 0; i < m * k; i++) {
            out[i] = -0.6 * x[i] - 1.2;
        }
    };

    @Test
    void blocksCountTheRowsAndOneDrawOfEachIsTheRunsOwnHistogram() {
        int k = 8;
        int rows = 1234;
        double[] x = new double[rows * k];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 + 5 * r.nextGaussian();
        }
        var c = new EvaluationSpec.Climate(List.of("a"), 12.34, 0, 0.5, -15, 25, 1, null);
        double[][] blocks = ClimateEvaluation.blocks(x, rows, k, c, 0.01);
        // 5 time units are 500 rows: fewer than 10 blocks, so 123 rows each, 10 blocks, 4 rows left out
        assertEquals(10, blocks.length);
        double[] used = Arrays.copyOf(x, 1230 * k);
        double[] p = ClimateStatistics.histogram(used, -15, 0.5, 80);
        double[] q = ClimateStatistics.histogram(Arrays.copyOfRange(x, 0, 200 * k), -15, 0.5, 80);
        int[] once = new int[10];
        Arrays.fill(once, 1);
        assertEquals(ClimateStatistics.hellinger(p, q), ClimateEvaluation.resampledHellinger(blocks, once, q), 1e-12);
        int[] twiceTheFirst = new int[10];
        twiceTheFirst[0] = 2;
        double[] first = ClimateStatistics.histogram(Arrays.copyOf(x, 123 * k), -15, 0.5, 80);
        assertEquals(ClimateStatistics.hellinger(first, q),
                ClimateEvaluation.resampledHellinger(blocks, twiceTheFirst, q), 1e-12);
    }

    @Test
    void pairedDifferencesOfHDoNotDependOnTheOrder() {
        var ab = new EvaluationSpec.Climate(List.of("a", "b"), 20, 1, 0.5, -15, 25, 1, null);
        var ba = new EvaluationSpec.Climate(List.of("b", "a"), 20, 1, 0.5, -15, 25, 1, null);
        Map<String, Parameterization> ps = Map.of("a", A, "b", B);
        ClimateEvaluation.Result one = ClimateEvaluation.run(P, 0.001, Integrator.RK4, 0.01, ab, ps, 7, null);
        ClimateEvaluation.Result two = ClimateEvaluation.run(P, 0.001, Integrator.RK4, 0.01, ba, ps, 7, null);
        double[] dab = one.hellingerDiff().get("a").get("b");
        assertArrayEquals(dab, two.hellingerDiff().get("a").get("b"), 0.0);
        assertArrayEquals(one.hellingerCi().get("b"), two.hellingerCi().get("b"), 0.0);
        assertEquals(one.hellinger().get("a") - one.hellinger().get("b"), dab[0], 1e-15);
        double[] dba = one.hellingerDiff().get("b").get("a");
        assertEquals(-dab[0], dba[0], 1e-15);
        assertEquals(-dab[2], dba[1], 1e-12); // the same resamples: the interval mirrored
        assertTrue(dab[1] < dab[2], Arrays.toString(dab));
        double[] ci = one.hellingerCi().get("a");
        assertTrue(ci[0] > 0 && ci[0] < ci[1], Arrays.toString(ci));
    }
}
