package org.l96.nn;

import org.l96.nn.dl4j.LrSchedules;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Schedules against the formulas of PyTorch's documentation, written out independently here. */
class SchedulesTest {

    /** CyclicLR's documented triangular policy for equal up and down steps (Smith 2017). */
    static double clr(double base, double max, int stepSize, int it, double scaleOfCycle) {
        double cycle = Math.floor(1 + it / (2.0 * stepSize));
        double x = Math.abs((double) it / stepSize - 2 * cycle + 1);
        return base + (max - base) * Math.max(0, 1 - x) * scaleOfCycle;
    }

    @Test
    void cyclicModes() {
        double base = 1e-3, max = 1e-2;
        int s = 7;
        for (int it = 0; it < 60; it++) {
            double cycle = Math.floor(1 + it / (2.0 * s));
            assertEquals(clr(base, max, s, it, 1), Schedules.cyclic(base, max, s, s, "triangular", 1, it), 1e-15);
            assertEquals(clr(base, max, s, it, 1 / Math.pow(2, cycle - 1)),
                    Schedules.cyclic(base, max, s, s, "triangular2", 1, it), 1e-15);
            double gamma = 0.99;
            double x = Math.abs((double) it / s - 2 * cycle + 1);
            assertEquals(base + (max - base) * Math.max(0, 1 - x) * Math.pow(gamma, it),
                    Schedules.cyclic(base, max, s, s, "exp_range", gamma, it), 1e-15);
        }
    }

    @Test
    void cyclicWithUnequalSteps() {
        double base = 0.1, max = 0.5;
        assertEquals(base, Schedules.cyclic(base, max, 4, 12, "triangular", 1, 0), 1e-15);
        assertEquals(base + (max - base) / 2, Schedules.cyclic(base, max, 4, 12, "triangular", 1, 2), 1e-15);
        assertEquals(max, Schedules.cyclic(base, max, 4, 12, "triangular", 1, 4), 1e-15);
        assertEquals(base + (max - base) * 0.75, Schedules.cyclic(base, max, 4, 12, "triangular", 1, 7), 1e-15);
        assertEquals(base, Schedules.cyclic(base, max, 4, 12, "triangular", 1, 16), 1e-15);
    }

    @Test
    void oneCycleCosine() {
        double max = 0.1, pct = 0.3, div = 25, fin = 1e4;
        int total = 100;
        double initial = max / div;
        double min = initial / fin;
        double peak = pct * total - 1; // 29: PyTorch's end of the warm-up phase
        for (int step = 0; step < total; step++) {
            double expected = step <= peak
                    ? initial + (max - initial) * (1 - Math.cos(Math.PI * step / peak)) / 2
                    : min + (max - min) * (1 + Math.cos(Math.PI * (step - peak) / (total - 1 - peak))) / 2;
            assertEquals(expected, Schedules.oneCycle(max, pct, div, fin, total, step), 1e-15, "step " + step);
        }
        assertEquals(initial, Schedules.oneCycle(max, pct, div, fin, total, 0), 1e-15);
        assertEquals(max, Schedules.oneCycle(max, pct, div, fin, total, 29), 1e-15);
        assertEquals(min, Schedules.oneCycle(max, pct, div, fin, total, 99), 1e-15);
    }

    @Test
    void perEpochSchedulesAndRamps() {
        int batches = 5;
        for (int step = 0; step < 50; step++) {
            int epoch = step / batches;
            assertEquals(0.1 * Math.pow(0.5, epoch / 3),
                    Schedules.rate(new ScheduleSpec.Step(3, 0.5), 0.1, batches, 50, step), 1e-15);
            assertEquals(0.1 * Math.pow(0.9, epoch),
                    Schedules.rate(new ScheduleSpec.Exponential(0.9), 0.1, batches, 50, step), 1e-15);
            assertEquals(0.1, Schedules.rate(new ScheduleSpec.Constant(), 0.1, batches, 50, step), 0);
        }
        assertEquals(1e-7, Schedules.ramp(1e-7, 100, 200, true, 0), 1e-20);
        assertEquals(100, Schedules.ramp(1e-7, 100, 200, true, 199), 1e-9);
        assertEquals(2.90, Schedules.ramp(1e-7, 100, 200, true, 165), 0.01); // the reference run's stop
        assertEquals(50.5, Schedules.ramp(1, 100, 3, false, 1), 1e-12);
    }

    @Test
    void dl4jSchedulesCountFromTheRunsFirstIteration() {
        ScheduleSpec cyc = new ScheduleSpec.Cyclic(0.01, 0.05, 3, 5, "triangular2", 1);
        ISchedule s = LrSchedules.of(cyc, 0.02, 4, 10, 100);
        ISchedule one = LrSchedules.of(new ScheduleSpec.OneCycle(0.1, 0.25, 25, 1e4), 0.02, 4, 10, 7);
        ISchedule step = LrSchedules.of(new ScheduleSpec.Step(2, 0.1), 0.02, 4, 10, 7);
        for (int k = 0; k < 40; k++) {
            assertEquals(Schedules.rate(cyc, 0.02, 4, 40, k), s.valueAt(100 + k, 0), 1e-15);
            assertEquals(Schedules.oneCycle(0.1, 0.25, 25, 1e4, 40, k), one.valueAt(7 + k, 3), 1e-15);
            assertEquals(0.02 * Math.pow(0.1, (k / 4) / 2), step.valueAt(7 + k, 0), 1e-15);
        }
        assertEquals(s.valueAt(105, 0), s.clone().valueAt(105, 0));
    }

    @Test
    void theOptimizerUsesTheScheduledRateAtEachStep() {
        // plain SGD on y = w x + b: each step moves by exactly lr_k * gradient
        ScheduleSpec cyc = new ScheduleSpec.Cyclic(0.01, 0.1, 2, 2, "triangular", 1);
        ISchedule schedule = LrSchedules.of(cyc, 0.5, 4, 1, 0);
        OptimizerSpec opt = new OptimizerSpec.Sgd(0.5, 0, false, 0);
        NetworkSpec spec = new NetworkSpec("local", List.of(new LayerSpec.Dense(1, "identity")), "xavier", "mse",
                null, null);
        MultiLayerNetwork net = Networks.build(spec, 1, Optimizers.updater(opt, schedule), List.of(), 1);
        net.getLayer(0).setParam("W", Nd4j.create(new float[][]{{0.7f}}));
        net.getLayer(0).setParam("b", Nd4j.create(new float[][]{{-0.2f}}));
        double w = 0.7, b = -0.2;
        for (int k = 0; k < 4; k++) {
            double lr = Schedules.cyclic(0.01, 0.1, 2, 2, "triangular", 1, k);
            double[] g = OptimizerSemanticsTest.grad(w, b, OptimizerSemanticsTest.X1, OptimizerSemanticsTest.T1);
            w -= lr * g[0];
            b -= lr * g[1];
            net.fit(OptimizerSemanticsTest.batch(OptimizerSemanticsTest.X1, OptimizerSemanticsTest.T1));
            assertEquals(w, OptimizerSemanticsTest.params(net)[0], 1e-6, "w after step " + k);
            assertEquals(b, OptimizerSemanticsTest.params(net)[1], 1e-6, "b after step " + k);
        }
    }
}
