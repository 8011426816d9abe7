package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StepperTest {

    private static final double F = 8.0;
    private static final double T = 0.5;

    private static double[] x0() {
        double[] x = new NumpyRandom(3).randn(8);
        for (int i = 0; i < x.length; i++) {
            x[i] = 2.0 * x[i] + F;
        }
        return x;
    }

    private static double[] integrate(Integrator integ, double dt) {
        double[] x = x0();
        Stepper st = integ.stepper((s, out) -> OneScaleL96.tendency(s, F, out), x.length);
        int n = (int) Math.round(T / dt);
        for (int i = 0; i < n; i++) {
            st.step(x, dt);
        }
        return x;
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0.0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void globalErrorShrinksAtTheFormalOrder() {
        double[] ref = integrate(Integrator.RK4, 1e-4);
        for (Integrator integ : Integrator.values()) {
            double e1 = maxDiff(integrate(integ, 0.01), ref);
            double e2 = maxDiff(integrate(integ, 0.005), ref);
            double e3 = maxDiff(integrate(integ, 0.0025), ref);
            double p1 = Math.log(e1 / e2) / Math.log(2);
            double p2 = Math.log(e2 / e3) / Math.log(2);
            assertEquals(integ.order(), p1, 0.35, integ + " observed order " + p1);
            assertEquals(integ.order(), p2, 0.35, integ + " observed order " + p2);
        }
    }

    @Test
    void steppersCheckTheStateLength() {
        for (Integrator integ : Integrator.values()) {
            Stepper st = integ.stepper((s, out) -> { }, 4);
            assertEquals(4, st.dimension());
            assertThrows(IllegalArgumentException.class, () -> st.step(new double[5], 0.1));
        }
        assertThrows(IllegalArgumentException.class, () -> Integrator.RK4.stepper(null, 4));
    }

    @Test
    void stepsAllocateNothing() {
        // allocation-free hot loop: the per-thread allocated-bytes counter must not grow (when the JVM exposes it)
        java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(tmx instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        double[] x = x0();
        Stepper st = Integrator.RK4.stepper((s, out) -> OneScaleL96.tendency(s, F, out), x.length);
        TwoScaleRk4Kernel kernel = new TwoScaleRk4Kernel(new TwoScaleL96(L96Params.DEFAULT));
        TwoScaleState s0 = TwoScaleL96.seededInitialState(L96Params.DEFAULT, 14);
        kernel.setState(s0.x(), s0.y());
        for (int i = 0; i < 20000; i++) { // let the JIT settle (escape analysis removes boxing etc.)
            st.step(x, 1e-4);
            kernel.step(1e-4);
        }
        long tid = Thread.currentThread().getId();
        long before = sun.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10000; i++) {
            st.step(x, 1e-4);
            kernel.step(1e-4);
        }
        long grew = sun.getThreadAllocatedBytes(tid) - before;
        assertTrue(grew < 10_000, "10k steps allocated " + grew + " bytes");
    }
}
