package org.l96.nn;

import org.junit.jupiter.api.Test;
import org.l96.data.TrainingData;
import org.l96.spec.LrRangeTestSpec;
import org.l96.spec.NetworkSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LrRangeTestTest {

    @Test
    void steepestFollowsNumpyGradientWithSkips() {
        // indices 0..9 skipped; among 10..14 (15..19 skipped) numpy.gradient is [-1, -1.5, -2, -3.5, -5] -> 14
        List<Double> l = List.of(0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 10., 9., 7., 5., 0., 9., 9., 9., 9., 9.);
        assertEquals(14, LrRangeTest.steepest(l, 10, 5));
        // interior central differences
        assertEquals(2, LrRangeTest.steepest(List.of(5., 4., 3., 0., -1.), 0, 0));
        assertEquals(-1, LrRangeTest.steepest(List.of(1., 2., 3.), 2, 0));
    }

    @Test
    void theSuggestionIsTheDescentBeforeTheMinimumNotAFallAfterASpike() {
        // a descent to a minimum at index 5, a plateau far above it, then a steep fall from a spike (index 10..12),
        // as when a network's ReLUs die at high rates and the loss never diverges
        List<Double> l = List.of(30., 29., 25., 15., 12., 11., 20., 22., 22., 40., 40., 25., 24., 24.);
        assertEquals(2, LrRangeTest.steepestBeforeMinimum(l, 0, 0)); // numpy.gradient there: -7
        assertEquals(11, LrRangeTest.steepest(l, 0, 0)); // the fall after the spike: -8
        // a curve that only falls: the steepest point overall
        assertEquals(2, LrRangeTest.steepestBeforeMinimum(List.of(5., 4.5, 4., 1., 0.5, 0.4), 0, 0));
    }

    @Test
    void rampSmoothingAndDivergence() {
        TrainingData d = TrainerTest.data(201, false, true, 32);
        NetworkSpec net = TrainerTest.ann(TrainerTest.adam(1, 0.001), 0);
        LrRangeTestSpec spec = new LrRangeTestSpec("ann", 1e-5, 100, 80, "exponential", 0.05, 5);
        LrRangeTest.Result r = LrRangeTest.run(spec, net, d, 3, null);
        int n = r.iterationsRun();
        assertTrue(n > 15, "iterations run: " + n);
        for (int i = 0; i < n; i++) {
            assertEquals(1e-5 * Math.pow(1e7, i / 79.0), r.lrs().get(i), 1e-12 * r.lrs().get(i));
            double expected = i == 0 ? r.rawLosses().get(0)
                    : 0.05 * r.rawLosses().get(i) + 0.95 * r.losses().get(i - 1);
            assertEquals(expected, r.losses().get(i), 1e-12 * Math.abs(expected));
        }
        double best = r.losses().subList(0, n - 1).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        if (r.diverged()) {
            double last = r.losses().get(n - 1);
            assertTrue(!Double.isFinite(last) || last > 5 * Math.min(best, last), "stopped at a divergence");
            for (int i = 1; i < n - 1; i++) {
                double bestSoFar = r.losses().subList(0, i + 1).stream().mapToDouble(Double::doubleValue).min()
                        .orElseThrow();
                assertTrue(r.losses().get(i) <= 5 * bestSoFar);
            }
        } else {
            assertEquals(80, n);
        }
        assertEquals(n - 1, r.stoppedAtIteration());
        int idx = LrRangeTest.steepest(r.losses(), 10, 5);
        assertEquals(idx, r.suggestedIndex());
        assertEquals(r.lrs().get(idx), r.suggestedLr(), 0);
        System.out.printf("range test on synthetic data: %d iterations, diverged %b, suggestion %.3g%n", n,
                r.diverged(), r.suggestedLr());
    }
}
