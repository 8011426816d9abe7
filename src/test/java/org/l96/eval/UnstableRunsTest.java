package org.l96.eval;

import org.junit.jupiter.api.Test;
import org.l96.spec.EvaluationSpec;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleTrajectory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A closure that blows the coarse model up is reported, never fatal. */
class UnstableRunsTest {
    /** P(X) = X³: the coarse model leaves any bound within a fraction of a time unit. */
    private static final Parameterization EXPLOSIVE = (x, members, k, out) -> {
        for (int i = 0; i < members * k; i++) {
            out[i] = x[i] * x[i] * x[i];
        }
    };

    @Test
    void climateOfABlownUpRunIsMarkedAndTheOthersGoOn() {
        EvaluationSpec.Climate c = new EvaluationSpec.Climate(List.of("bad", "none"), 5, 1, 0.5, -15, 25, 1, null);
        ClimateEvaluation.Result r = ClimateEvaluation.run(L96Params.DEFAULT, 0.001, 0.01, c,
                Map.of("bad", EXPLOSIVE, "none", Parameterization.NONE), 3, null);
        assertNotNull(r.schemes().get("bad").unstableAt());
        assertNull(r.schemes().get("none").unstableAt());
        assertTrue(Double.isFinite(r.hellinger().get("none")));
        assertTrue(r.hellingerFloor() > 0 && r.hellingerFloor() < 1);
    }

    @Test
    void forecastsThatBlowUpCountAsUnstableAndFailTheirVpt() {
        TwoScaleIntegrator world = new TwoScaleIntegrator(L96Params.DEFAULT, 0.001);
        TwoScaleTrajectory tr = world.run(TwoScaleL96.seededInitialState(L96Params.DEFAULT, 2), 0, 0.01, 600,
                false, null);
        OnlineEvaluation.Truth truth = new OnlineEvaluation.Truth(L96Params.DEFAULT, 0.001, 0.01, 601, tr.x(), null);
        EvaluationSpec.Forecast f = new EvaluationSpec.Forecast(List.of("bad"), 5, 1, 1, 50, false, null);
        ForecastEvaluation.Result r = ForecastEvaluation.run(truth, f, Map.of("bad", EXPLOSIVE), 1, null);
        ForecastEvaluation.Scheme bad = r.schemes().get("bad");
        assertEquals(1.0, bad.unstableFraction());
        assertTrue(bad.vpt() < 0.5, "vpt " + bad.vpt());
        assertEquals(0.0, r.schemes().get("none").unstableFraction());
    }
}
