package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.ScheduleSpec;

/**
 * Learning-rate schedules with PyTorch's defaults, for Java ({@code schedule(Schedules.step(10, 0.5))}); scripts
 * write the same words inside {@code train { }}: {@code schedule step(10, 0.5)}.
 */
public final class Schedules {
    public static final double STEP_GAMMA = Defaults.STEP_GAMMA;
    public static final String CYCLIC_MODE = Defaults.CYCLIC_MODE;
    public static final double CYCLIC_GAMMA = Defaults.CYCLIC_GAMMA;
    public static final double ONE_CYCLE_PCT_START = Defaults.ONE_CYCLE_PCT_START;
    public static final double ONE_CYCLE_DIV_FACTOR = Defaults.ONE_CYCLE_DIV_FACTOR;
    public static final double ONE_CYCLE_FINAL_DIV_FACTOR = Defaults.ONE_CYCLE_FINAL_DIV_FACTOR;

    private Schedules() {
    }

    public static ScheduleSpec.Constant constant() {
        return new ScheduleSpec.Constant();
    }

    /** Multiply the rate by 0.1 every {@code stepSize} epochs (StepLR). */
    public static ScheduleSpec.Step step(int stepSize) {
        return new ScheduleSpec.Step(stepSize, STEP_GAMMA);
    }

    public static ScheduleSpec.Step step(int stepSize, double gamma) {
        return new ScheduleSpec.Step(stepSize, gamma);
    }

    /** Multiply the rate by {@code gamma} every epoch (ExponentialLR). */
    public static ScheduleSpec.Exponential exponential(double gamma) {
        return new ScheduleSpec.Exponential(gamma);
    }

    /** Triangular CyclicLR, as many batches down as up. */
    public static ScheduleSpec.Cyclic cyclic(double baseLr, double maxLr, int stepSizeUp) {
        return new ScheduleSpec.Cyclic(baseLr, maxLr, stepSizeUp, stepSizeUp, CYCLIC_MODE, CYCLIC_GAMMA);
    }

    public static ScheduleSpec.Cyclic cyclic(double baseLr, double maxLr, int stepSizeUp, int stepSizeDown,
                                             String mode, double gamma) {
        return new ScheduleSpec.Cyclic(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma);
    }

    /** OneCycleLR with pctStart 0.3, divFactor 25, finalDivFactor 1e4. */
    public static ScheduleSpec.OneCycle oneCycle(double maxLr) {
        return new ScheduleSpec.OneCycle(maxLr, ONE_CYCLE_PCT_START, ONE_CYCLE_DIV_FACTOR, ONE_CYCLE_FINAL_DIV_FACTOR);
    }

    public static ScheduleSpec.OneCycle oneCycle(double maxLr, double pctStart, double divFactor,
                                                 double finalDivFactor) {
        return new ScheduleSpec.OneCycle(maxLr, pctStart, divFactor, finalDivFactor);
    }
}
