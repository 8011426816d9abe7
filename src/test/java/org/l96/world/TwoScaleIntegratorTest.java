package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class TwoScaleIntegratorTest {

    private static final L96Params P = L96Params.DEFAULT;
    private static final TwoScaleState START = TwoScaleL96.seededInitialState(P, 14);

    @Test
    void sampleIntervalMustBeWholeMultipleOfDt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwoScaleIntegrator.substepsPerSample(0.015, 0.01));
        assertEquals("sample interval 0.015 is not a whole multiple of dt 0.01", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TwoScaleIntegrator.substepsPerSample(0.0005, 0.001));
        assertThrows(IllegalArgumentException.class, () -> TwoScaleIntegrator.substepsPerSample(0.0, 0.001));
        assertThrows(IllegalArgumentException.class, () -> TwoScaleIntegrator.substepsPerSample(0.01, -0.001));
        assertThrows(IllegalArgumentException.class,
                () -> new TwoScaleIntegrator(P, 0.01).run(START, 0.015, 3));
        // decimal steps that are not exact in binary still count as whole multiples
        assertEquals(10, TwoScaleIntegrator.substepsPerSample(0.01, 0.001));
        assertEquals(3, TwoScaleIntegrator.substepsPerSample(0.3, 0.1));
        assertEquals(1, TwoScaleIntegrator.substepsPerSample(0.001, 0.001));
        assertEquals(7, TwoScaleIntegrator.substepsPerSample(0.007 * (1 + 5e-10), 0.001));
        assertThrows(IllegalArgumentException.class,
                () -> TwoScaleIntegrator.substepsPerSample(0.007 * (1 + 5e-9), 0.001));
    }

    @Test
    void couplingHistoryFollowsTheSeedConvention() {
        TwoScaleIntegrator integ = new TwoScaleIntegrator(P, 0.001);
        TwoScaleTrajectory coarse = integ.run(START, 0.01, 5);
        // sampling every internal step gives the state at t = (n+1)*si - dt directly
        TwoScaleTrajectory fine = integ.run(START, 0.001, 50);
        TwoScaleL96 model = new TwoScaleL96(P);
        assertArrayEquals(new double[8], coarse.couplingRow(0), 0.0);
        for (int n = 0; n < 5; n++) {
            int fineRow = 10 * (n + 1) - 1;
            double[] xd = new double[8];
            double[] yd = new double[256];
            double[] c = new double[8];
            model.tendency(fine.xRow(fineRow), fine.yRow(fineRow), xd, yd, c);
            assertArrayEquals(c, coarse.couplingRow(n + 1), 0.0, "coupling row " + (n + 1));
            assertArrayEquals(fine.xRow(10 * (n + 1)), coarse.xRow(n + 1), 0.0, "X row " + (n + 1));
        }
    }

    @Test
    void continuingEqualsOneLongRunAndTimeContinues() {
        TwoScaleIntegrator integ = new TwoScaleIntegrator(P);
        TwoScaleTrajectory whole = integ.run(START, 0.01, 20);
        TwoScaleTrajectory first = integ.run(START, 0.01, 12);
        TwoScaleTrajectory second = integ.continueFrom(first, 0.01, 8, true, null);
        assertArrayEquals(whole.xRow(20), second.xRow(8), 0.0);
        assertArrayEquals(whole.yRow(20), second.yRow(8), 0.0);
        assertArrayEquals(whole.couplingRow(20), second.couplingRow(8), 0.0);
        assertArrayEquals(first.xRow(12), second.xRow(0), 0.0);
        assertEquals(0.12, second.t()[0], 1e-15);
        assertEquals(0.2, second.endTime(), 1e-15);
        assertArrayEquals(whole.finalState().x(), second.finalState().x(), 0.0);
        // the start state is not modified
        assertArrayEquals(TwoScaleL96.seededInitialState(P, 14).x(), START.x(), 0.0);
    }

    @Test
    void withoutYKeepsOnlyTheFinalState() {
        TwoScaleIntegrator integ = new TwoScaleIntegrator(P);
        TwoScaleTrajectory with = integ.run(START, 0.01, 6);
        TwoScaleTrajectory without = integ.run(START, 0.0, 0.01, 6, false, null);
        assertNull(without.y());
        assertArrayEquals(with.x(), without.x(), 0.0);
        assertArrayEquals(with.coupling(), without.coupling(), 0.0);
        assertArrayEquals(with.yRow(6), without.finalState().y(), 0.0);
        assertThrows(IllegalStateException.class, () -> without.yRow(0));
        assertEquals(7 * 256, with.y().length);
    }

    @Test
    void progressIsReportedRoughlyEveryPercentAndAtTheEnd() {
        List<Long> seen = new ArrayList<>();
        new TwoScaleIntegrator(P).run(START, 0.0, 0.01, 250, false, seen::add);
        assertEquals(125, seen.size()); // every 2 samples
        assertEquals(250L, seen.get(seen.size() - 1));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1));
        }
        List<Long> few = new ArrayList<>();
        new TwoScaleIntegrator(P).run(START, 0.0, 0.01, 3, false, few::add);
        assertEquals(List.of(1L, 2L, 3L), few);
    }

    @Test
    void interruptCancelsAndKeepsTheFlag() {
        TwoScaleIntegrator integ = new TwoScaleIntegrator(P);
        try {
            CancellationException e = assertThrows(CancellationException.class,
                    () -> integ.run(START, 0.0, 0.01, 100, false, done -> {
                        if (done == 3) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            assertTrue(e.getMessage().contains("after 3 of 100 samples"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void zeroSamplesAndArgumentChecks() {
        TwoScaleTrajectory t = new TwoScaleIntegrator(P).run(START, 0.01, 0);
        assertArrayEquals(START.x(), t.x(), 0.0);
        assertArrayEquals(START.y(), t.finalState().y(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new TwoScaleIntegrator(P).run(START, 0.01, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new TwoScaleIntegrator(P).run(new TwoScaleState(new double[7], new double[256]), 0.01, 1));
        assertThrows(IllegalArgumentException.class, () -> new TwoScaleIntegrator(P, 0.0));
    }
}
