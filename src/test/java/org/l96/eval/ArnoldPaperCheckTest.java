package org.l96.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.l96.world.DiscreteSubgridTarget;
import org.l96.world.L96Params;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;

/**
 * The c = 10 check of issue 13 against Arnold, Moroz &amp; Palmer (2013, section 3 and
 * its table of fitted parameters): K = 8, J = 32,
 * F = 20, h = 1, b = 10, c = 10, truth RK4 at dt = 0.001 sampled every Δ = 0.005 after a spin-up; the cubic
 * least-squares fit of the discrete target; the published U = 0.341 + 1.30 X − 0.0136 X² − 0.00235 X³ (our P = −U),
 * φ = 0.986 and σ = 1.99 at Δ. Required: the cubic within 0.25 over X in [−5, 15], φ within ± 0.005, σ within 5%.
 * <p>
 * Truth length: 1000 time units (200,000 samples). Over 20 seeds the largest cubic difference was 0.13 at 1000
 * time units, 0.15 at 500, 0.24 at 250 and 0.34 at 100 (the ends of [−5, 15] are rarely visited), so shorter truths
 * do not pass reliably; φ (0.9848..0.9858) and σ (1.94..2.05) passed at every length tried (from 50 time
 * units). This seed gives P = 0.002374 X³ + 0.013656 X² − 1.30363 X − 0.35152 (largest difference 0.028, at
 * X = 15), φ = 0.98561, σ = 1.9905.
 */
class ArnoldPaperCheckTest {

    private static final double DELTA = 0.005;
    private static final int SAMPLES = 200_000;

    @Test
    void theFitOfTheDiscreteTargetAtC10MatchesThePaper() {
        L96Params params = new L96Params(8, 32, 20.0, 1.0, 10.0, 10.0);
        TwoScaleIntegrator world = new TwoScaleIntegrator(params, 0.001);
        TwoScaleState start = world.run(TwoScaleL96.seededInitialState(params, 1), 0.0, DELTA, 2000, false, null)
                .finalState();
        TwoScaleTrajectory truth = world.run(start, 0.0, DELTA, SAMPLES, false, null);
        int k = params.k();
        double[] target = DiscreteSubgridTarget.compute(truth.x(), SAMPLES + 1, k, DELTA, params.forcing());
        double[] x = Arrays.copyOf(truth.x(), SAMPLES * k);
        double[] cubic = PolynomialFit.fit(x, target, 3);

        double[] paperP = {0.00235, 0.0136, -1.30, -0.341}; // −U, highest power first
        double worst = 0;
        for (int s = 0; s <= 2000; s++) {
            double v = -5 + s * 0.01;
            worst = Math.max(worst, Math.abs(horner(cubic, v) - horner(paperP, v)));
        }
        assertTrue(worst <= 0.25, "cubic " + Arrays.toString(cubic) + " differs from the paper's by " + worst);

        NoiseFit additive = NoiseFit.additive(NoiseFit.residuals(x, target, cubic), SAMPLES, k, DELTA);
        assertEquals(0.986, additive.phi(), 0.005);
        assertEquals(1.99, additive.sigmas()[0], 0.05 * 1.99);

        // our reading of the paper's fits of the state-dependent and multiplicative-plus-additive noise also lands
        // on its published values (σ₀ 1.47, σ₁ 0.0873, φ 0.986; σ_m 0.101, σ_a 1.37, φ 0.988); its pure multiplicative fit
        // (σ 0.469, φ 0.94) is not reproduced, see NoiseFit
        double[] r = NoiseFit.residuals(x, target, cubic);
        NoiseFit sd = NoiseFit.stateDependent(x, r, SAMPLES, k, DELTA, NoiseFit.DEFAULT_BIN_WIDTH);
        assertEquals(1.47, sd.sigmas()[0], 0.05 * 1.47);
        assertEquals(0.0873, sd.sigmas()[1], 0.1 * 0.0873);
        assertEquals(0.986, sd.phi(), 0.005);
        NoiseFit ma = NoiseFit.multiplicativeAdditive(NoiseFit.evaluate(x, x.length, cubic), r, SAMPLES, k, DELTA,
                NoiseFit.DEFAULT_BIN_WIDTH);
        assertEquals(0.101, ma.sigmas()[0], 0.1 * 0.101);
        assertEquals(1.37, ma.sigmas()[1], 0.05 * 1.37);
        assertEquals(0.988, ma.phi(), 0.005);
    }

    private static double horner(double[] c, double v) {
        double acc = 0;
        for (double q : c) {
            acc = acc * v + q;
        }
        return acc;
    }
}
