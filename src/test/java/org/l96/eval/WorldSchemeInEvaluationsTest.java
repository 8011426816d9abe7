package org.l96.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.l96.spec.EvaluationSpec;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleTrajectory;
import org.l96.world.WorldDivergedException;

/**
 * Evaluations that rerun or continue the real world use its integrator, not a fixed RK4: forward Euler at dt 0.001
 * (unstable with c = 10) makes each of them diverge, with the world's error, where RK4 runs.
 */
class WorldSchemeInEvaluationsTest {
    private static final L96Params P = L96Params.DEFAULT;

    private static OnlineEvaluation.Truth truth(Integrator scheme, double dt, boolean withY) {
        // a stored world made with RK4 (stable); only the scheme the evaluations continue it with differs
        TwoScaleTrajectory tr = new TwoScaleIntegrator(P, 0.001).run(TwoScaleL96.seededInitialState(P, 2), 0, 0.01,
                300, withY, null);
        return new OnlineEvaluation.Truth(P, dt, scheme, 0.01, 301, tr.x(), withY ? tr.y() : null);
    }

    @Test
    void climateTruthRunsUseTheWorldsScheme() {
        EvaluationSpec.Climate c = new EvaluationSpec.Climate(List.of("none"), 2, 0, 0.5, -15, 25, 0.5, null);
        WorldDivergedException e = assertThrows(WorldDivergedException.class, () -> ClimateEvaluation.run(P, 0.001,
                Integrator.EULER, 0.01, c, Map.of("none", Parameterization.NONE), 3, null));
        assertEquals(Integrator.EULER, e.scheme());
        ClimateEvaluation.run(P, 0.001, Integrator.RK4, 0.01, c, Map.of("none", Parameterization.NONE), 3, null);
    }

    @Test
    void trajectoryAndRegimeTruthContinueWithTheWorldsScheme() {
        EvaluationSpec.Trajectory t = new EvaluationSpec.Trajectory(List.of("none"), -1, 0.5, null, null);
        assertThrows(WorldDivergedException.class, () -> OnlineEvaluation.trajectory(
                truth(Integrator.EULER, 0.001, true), t, Map.of("none", Parameterization.NONE)));
        OnlineEvaluation.trajectory(truth(Integrator.RK4, 0.001, true), t, Map.of("none", Parameterization.NONE));

        OnlineEvaluation.Truth stored = truth(Integrator.EULER, 0.001, true);
        double[] lastY = java.util.Arrays.copyOfRange(stored.y(), 300 * 256, 301 * 256);
        assertThrows(WorldDivergedException.class, () -> RegimeTruth.simulate(stored, lastY, 10.0, 50, false, null));
        OnlineEvaluation.Truth rk2 = RegimeTruth.simulate(truth(Integrator.RK2, 0.001, true), lastY, 10.0, 50, false,
                null);
        assertEquals(Integrator.RK2, rk2.worldIntegrator());
    }

    @Test
    void forecastCeilingUsesTheWorldsScheme() {
        OnlineEvaluation.Truth rk4 = truth(Integrator.RK4, 0.001, false);
        double[] x0s = java.util.Arrays.copyOfRange(rk4.x(), 100 * 8, 102 * 8);
        assertThrows(WorldDivergedException.class,
                () -> ForecastEvaluation.ceiling(truth(Integrator.EULER, 0.001, false), x0s, 2, 10, 5));
        double[] a = ForecastEvaluation.ceiling(rk4, x0s, 2, 10, 5);
        double[] b = ForecastEvaluation.ceiling(truth(Integrator.RK2, 0.001, false), x0s, 2, 10, 5);
        assertArrayEquals(java.util.Arrays.copyOfRange(a, 0, 8), java.util.Arrays.copyOfRange(b, 0, 8), 0.0,
                "same start");
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        assertTrue(d > 0, "RK2's ceiling differs from RK4's");
    }
}
