package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l96.world.Golden.assertRel;
import static org.l96.world.Golden.flat;
import static org.l96.world.Golden.relErr;
import static org.l96.world.Golden.vec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The real world with each scheme (forward Euler, RK2 midpoint, RK4) against an independent NumPy reference
 * ({@code org/l96/golden/two_scale_euler_rk2_trajectory.json}, made by {@code two_scale_integrators.py} beside it)
 * on the golden case: K=8, J=32, F=18, h=1, b=10, c=10, from the seed-14 initial state, 100 samples of 0.01.
 *
 * <p>Tolerances are the golden README's for the RK4 trajectory over the same 100 samples (X 1e-8, coupling 1e-7,
 * Y 1e-6, relative max-norm): the only difference between the two implementations is the order of the 32-term
 * sector sums (NumPy sums pairwise, the kernel sequentially), a 1e-16 relative difference per step that the chaotic
 * fast variables amplify by a few orders of magnitude over one time unit. A wrong scheme, a wrong stage or a
 * coupling taken at another stage misses by 1e-3 or more.
 */
class TwoScaleSchemesTest {

    private static final L96Params P = L96Params.DEFAULT;
    private static final JsonNode REF = Golden.load("two_scale_euler_rk2_trajectory.json");
    private static final TwoScaleState START = goldenStart();

    private static TwoScaleState goldenStart() {
        JsonNode g = Golden.load("two_scale_rk4_trajectory.json");
        return new TwoScaleState(vec(g.get("X0")), vec(g.get("Y0")));
    }

    private static void matchesReference(Integrator scheme, String key) {
        JsonNode ref = REF.get(key);
        assertEquals(scheme.specName(), ref.get("scheme").asText());
        double dt = ref.get("dt").asDouble();
        TwoScaleTrajectory tr = new TwoScaleIntegrator(P, dt, scheme).run(START, ref.get("si").asDouble(),
                ref.get("nt").asInt());
        assertRel(tr.x(), flat(ref.get("X_hist")), 1e-8, key + " X_hist");
        assertRel(tr.coupling(), flat(ref.get("coupling_hist")), 1e-7, key + " coupling_hist");
        assertRel(tr.finalState().y(), vec(ref.get("Y_final")), 1e-6, key + " Y at t = 1");
        assertArrayEquals(new double[8], tr.couplingRow(0), 0.0);
    }

    @Test
    void forwardEulerMatchesTheNumpyReference() {
        matchesReference(Integrator.EULER, "euler");
    }

    @Test
    void rk2MidpointMatchesTheNumpyReference() {
        matchesReference(Integrator.RK2, "rk2");
    }

    @Test
    void rk4IsTheDefaultAndStillTheGoldenTrajectoryBitForBit() {
        JsonNode g = Golden.load("two_scale_rk4_trajectory.json");
        TwoScaleIntegrator rk4 = new TwoScaleIntegrator(P, 0.001, Integrator.RK4);
        assertEquals(Integrator.RK4, new TwoScaleIntegrator(P, 0.001).scheme());
        TwoScaleTrajectory tr = rk4.run(START, 0.01, 100);
        assertArrayEquals(flat(g.get("X_hist")), tr.x(), 0.0);
        assertArrayEquals(flat(g.get("coupling_hist")), tr.coupling(), 0.0);
    }

    /**
     * Each specialised kernel does exactly the arithmetic of the generic {@link Stepper} of its scheme (tested on
     * the one-scale golden integrators) applied to the whole state (X, Y): bit-identical states, and the coupling
     * row is the one of the pre-step state of each sample's last substep.
     */
    @Test
    void kernelsEqualTheGenericSteppersOnTheWholeState() {
        TwoScaleL96 model = new TwoScaleL96(P);
        int k = P.k();
        int n = P.fastSize();
        for (Integrator scheme : Integrator.values()) {
            double dt = scheme == Integrator.EULER ? 1e-4 : 1e-3;
            int substeps = (int) Math.round(0.01 / dt);
            TwoScaleTrajectory tr = new TwoScaleIntegrator(P, dt, scheme).run(START, 0.01, 5);

            double[] xdot = new double[k];
            double[] c = new double[k];
            Stepper stepper = scheme.stepper((s, ds) -> {
                double[] x = java.util.Arrays.copyOfRange(s, 0, k);
                double[] y = java.util.Arrays.copyOfRange(s, k, k + n);
                double[] ydot = new double[n];
                model.tendency(x, y, xdot, ydot, c);
                System.arraycopy(xdot, 0, ds, 0, k);
                System.arraycopy(ydot, 0, ds, k, n);
            }, k + n);
            double[] state = new double[k + n];
            System.arraycopy(START.x(), 0, state, 0, k);
            System.arraycopy(START.y(), 0, state, k, n);
            for (int row = 1; row <= 5; row++) {
                double[] preStepCoupling = null;
                for (int q = 0; q < substeps; q++) {
                    if (q == substeps - 1) {
                        double[] ydot = new double[n];
                        preStepCoupling = new double[k];
                        model.tendency(java.util.Arrays.copyOfRange(state, 0, k),
                                java.util.Arrays.copyOfRange(state, k, k + n), new double[k], ydot, preStepCoupling);
                    }
                    stepper.step(state, dt);
                }
                assertArrayEquals(java.util.Arrays.copyOfRange(state, 0, k), tr.xRow(row), 0.0, scheme + " X " + row);
                assertArrayEquals(java.util.Arrays.copyOfRange(state, k, k + n), tr.yRow(row), 0.0,
                        scheme + " Y " + row);
                assertArrayEquals(preStepCoupling, tr.couplingRow(row), 0.0, scheme + " coupling " + row);
            }
        }
    }

    /** Forward Euler at dt = 0.001 with c = 10 is unstable for Y; the run stops at the sample the reference names. */
    @Test
    void forwardEulerAtDt0001DivergesAndSaysWhen() {
        JsonNode d = REF.get("euler_divergence");
        assertEquals(0.001, d.get("dt").asDouble());
        assertEquals(TwoScaleIntegrator.DIVERGENCE_BOUND, d.get("bound").asDouble());
        WorldDivergedException e = assertThrows(WorldDivergedException.class,
                () -> new TwoScaleIntegrator(P, 0.001, Integrator.EULER).run(START, 0.01, 100));
        assertEquals(Integrator.EULER, e.scheme());
        assertEquals(0.001, e.dt());
        assertEquals(d.get("first_sample_time").asDouble(), e.time(), 1e-12);
        assertEquals(e.time() - 0.01, e.lastGoodTime(), 1e-12);
        assertEquals("the world diverged: integrator 'euler' (forward Euler) at dt = 0.001 gives a state that is"
                + " not finite or beyond ±1e6 at model time t = 0.03 (still bounded at t = 0.02); use a smaller dt"
                + " (e.g. 0.0001) or the integrator 'rk4', which is stable at larger steps", e.getMessage());
        assertEquals("the world diverged during the spin-up: integrator 'euler' (forward Euler) at dt = 0.001 gives"
                + " a state that is not finite or beyond ±1e6 at model time t = 1.03 from the start (still bounded"
                + " at t = 1.02); use a smaller dt (e.g. 0.0001) or the integrator 'rk4', which is stable at larger"
                + " steps", e.describe(1.0, " during the spin-up", " from the start"));
        // a continued run reports model time on its own clock
        WorldDivergedException later = assertThrows(WorldDivergedException.class,
                () -> new TwoScaleIntegrator(P, 0.001, Integrator.EULER).run(START, 5.0, 0.01, 100, false, null));
        assertEquals(5.03, later.time(), 1e-12);
        // RK2 and RK4 are stable there
        for (Integrator stable : new Integrator[]{Integrator.RK2, Integrator.RK4}) {
            TwoScaleTrajectory tr = new TwoScaleIntegrator(P, 0.001, stable).run(START, 0.01, 100);
            for (double v : tr.x()) {
                assertTrue(Math.abs(v) < 100, stable + " X stays bounded");
            }
        }
    }

    /** RK4 itself diverges at a dt far too large; the advice then is a smaller dt only. */
    @Test
    void rk4AtAHugeDtDivergesWithAdviceForASmallerDt() {
        WorldDivergedException e = assertThrows(WorldDivergedException.class,
                () -> new TwoScaleIntegrator(P, 0.05, Integrator.RK4).run(START, 0.05, 200));
        assertTrue(e.getMessage().endsWith("use a smaller dt (e.g. 0.005)"), e.getMessage());
    }

    /**
     * At a small dt Euler's world is close to RK4's but not equal, and the errors shrink at each scheme's order:
     * halving dt halves Euler's error after one sample interval (first order) and quarters RK2's (second order).
     * RK4 at dt = 1e-5 is the reference (its own error is ~1e-15 there).
     */
    @Test
    void schemesConvergeToRk4AtTheirOrder() {
        double[] exact = new TwoScaleIntegrator(P, 1e-5, Integrator.RK4).run(START, 0.01, 1).xRow(1);
        double[] euler1 = new TwoScaleIntegrator(P, 2e-4, Integrator.EULER).run(START, 0.01, 1).xRow(1);
        double[] euler2 = new TwoScaleIntegrator(P, 1e-4, Integrator.EULER).run(START, 0.01, 1).xRow(1);
        double[] rk2a = new TwoScaleIntegrator(P, 1e-3, Integrator.RK2).run(START, 0.01, 1).xRow(1);
        double[] rk2b = new TwoScaleIntegrator(P, 5e-4, Integrator.RK2).run(START, 0.01, 1).xRow(1);
        double e1 = relErr(euler1, exact);
        double e2 = relErr(euler2, exact);
        double r1 = relErr(rk2a, exact);
        double r2 = relErr(rk2b, exact);
        assertTrue(e2 > 1e-6 && e2 < 1e-3, "Euler at dt 1e-4 is close to RK4 but not equal: " + e2);
        assertTrue(e1 / e2 > 1.8 && e1 / e2 < 2.2, "Euler error ratio for dt/2 should be ~2, got " + e1 / e2);
        assertTrue(r1 / r2 > 3.5 && r1 / r2 < 4.5, "RK2 error ratio for dt/2 should be ~4, got " + r1 / r2);
    }
}
