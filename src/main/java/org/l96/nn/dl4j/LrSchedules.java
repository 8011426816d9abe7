package org.l96.nn.dl4j;

import org.l96.nn.Schedules;
import org.l96.spec.ScheduleSpec;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

import java.util.Objects;

/**
 * DL4J {@link ISchedule}s (per iteration) over the formulas in {@link Schedules}. Each counts batches from
 * {@code offset}, the network's iteration counter when the training run began, so that a network trained further
 * (keeping its optimizer state and iteration counter) starts its new schedule at step 0. Serialized by DL4J into the
 * network configuration.
 */
public final class LrSchedules {
    private LrSchedules() {
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE,
            setterVisibility = JsonAutoDetect.Visibility.NONE)
    abstract static class Base implements ISchedule {
        protected int offset;

        @Override
        public final double valueAt(int iteration, int epoch) {
            return rate(Math.max(0, iteration - offset));
        }

        /** The rate at batch {@code step} of the run. */
        public abstract double rate(int step);

        @Override
        public ISchedule clone() {
            try {
                return (ISchedule) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && o.toString().equals(toString());
        }

        @Override
        public int hashCode() {
            return Objects.hash(getClass(), toString());
        }
    }

    public static final class Constant extends Base implements Cloneable {
        private double lr;

        private Constant() {
        }

        public Constant(double lr) {
            this.lr = lr;
        }

        @Override
        public double rate(int step) {
            return lr;
        }

        @Override
        public String toString() {
            return "Constant(" + lr + ")";
        }
    }

    public static final class Step extends Base implements Cloneable {
        private double lr;
        private int stepSize;
        private double gamma;
        private int batchesPerEpoch;

        private Step() {
        }

        public Step(double lr, int stepSize, double gamma, int batchesPerEpoch, int offset) {
            this.lr = lr;
            this.stepSize = stepSize;
            this.gamma = gamma;
            this.batchesPerEpoch = batchesPerEpoch;
            this.offset = offset;
        }

        @Override
        public double rate(int step) {
            return Schedules.step(lr, stepSize, gamma, step / batchesPerEpoch);
        }

        @Override
        public String toString() {
            return "Step(" + lr + ", every " + stepSize + " epochs x" + gamma + ", " + batchesPerEpoch
                    + " batches/epoch, offset " + offset + ")";
        }
    }

    public static final class Exponential extends Base implements Cloneable {
        private double lr;
        private double gamma;
        private int batchesPerEpoch;

        private Exponential() {
        }

        public Exponential(double lr, double gamma, int batchesPerEpoch, int offset) {
            this.lr = lr;
            this.gamma = gamma;
            this.batchesPerEpoch = batchesPerEpoch;
            this.offset = offset;
        }

        @Override
        public double rate(int step) {
            return Schedules.exponential(lr, gamma, step / batchesPerEpoch);
        }

        @Override
        public String toString() {
            return "Exponential(" + lr + " x" + gamma + "/epoch, " + batchesPerEpoch + " batches/epoch, offset "
                    + offset + ")";
        }
    }

    public static final class Cyclic extends Base implements Cloneable {
        private double baseLr;
        private double maxLr;
        private int stepSizeUp;
        private int stepSizeDown;
        private String mode;
        private double gamma;

        private Cyclic() {
        }

        public Cyclic(double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, String mode, double gamma,
                      int offset) {
            this.baseLr = baseLr;
            this.maxLr = maxLr;
            this.stepSizeUp = stepSizeUp;
            this.stepSizeDown = stepSizeDown;
            this.mode = mode;
            this.gamma = gamma;
            this.offset = offset;
        }

        @Override
        public double rate(int step) {
            return Schedules.cyclic(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, step);
        }

        @Override
        public String toString() {
            return "Cyclic(" + baseLr + ".." + maxLr + ", up " + stepSizeUp + ", down " + stepSizeDown + ", " + mode
                    + ", gamma " + gamma + ", offset " + offset + ")";
        }
    }

    public static final class OneCycle extends Base implements Cloneable {
        private double maxLr;
        private double pctStart;
        private double divFactor;
        private double finalDivFactor;
        private int totalSteps;

        private OneCycle() {
        }

        public OneCycle(double maxLr, double pctStart, double divFactor, double finalDivFactor, int totalSteps,
                        int offset) {
            this.maxLr = maxLr;
            this.pctStart = pctStart;
            this.divFactor = divFactor;
            this.finalDivFactor = finalDivFactor;
            this.totalSteps = totalSteps;
            this.offset = offset;
        }

        @Override
        public double rate(int step) {
            return Schedules.oneCycle(maxLr, pctStart, divFactor, finalDivFactor, totalSteps,
                    Math.min(step, totalSteps - 1));
        }

        @Override
        public String toString() {
            return "OneCycle(max " + maxLr + ", pct " + pctStart + ", div " + divFactor + ", final " + finalDivFactor
                    + ", " + totalSteps + " steps, offset " + offset + ")";
        }
    }

    /** The LR range test's ramp from {@code start} to {@code end} over {@code iterations} batches. */
    public static final class Ramp extends Base implements Cloneable {
        private double start;
        private double end;
        private int iterations;
        private boolean exponential;

        private Ramp() {
        }

        public Ramp(double start, double end, int iterations, boolean exponential, int offset) {
            this.start = start;
            this.end = end;
            this.iterations = iterations;
            this.exponential = exponential;
            this.offset = offset;
        }

        @Override
        public double rate(int step) {
            return Schedules.ramp(start, end, iterations, exponential, step);
        }

        @Override
        public String toString() {
            return "Ramp(" + start + ".." + end + " over " + iterations + (exponential ? ", exponential" : ", linear")
                    + ", offset " + offset + ")";
        }
    }

    /**
     * The DL4J schedule (type ITERATION) for a training run that starts when the network's iteration counter is
     * {@code offset}: its value at DL4J iteration {@code offset + step} is {@link Schedules#rate} at {@code step}.
     */
    public static ISchedule of(ScheduleSpec spec, double optimizerLr, int batchesPerEpoch, int epochs, int offset) {
        if (spec == null || spec instanceof ScheduleSpec.Constant) {
            return new Constant(optimizerLr);
        } else if (spec instanceof ScheduleSpec.Step s) {
            return new Step(optimizerLr, s.stepSize(), s.gamma(), batchesPerEpoch, offset);
        } else if (spec instanceof ScheduleSpec.Exponential e) {
            return new Exponential(optimizerLr, e.gamma(), batchesPerEpoch, offset);
        } else if (spec instanceof ScheduleSpec.Cyclic c) {
            Schedules.cyclic(c.baseLr(), c.maxLr(), c.stepSizeUp(), c.stepSizeDown(), c.mode(), c.gamma(), 0); // checks mode
            return new Cyclic(c.baseLr(), c.maxLr(), c.stepSizeUp(), c.stepSizeDown(), c.mode(),
                    c.gamma(), offset);
        } else if (spec instanceof ScheduleSpec.OneCycle o) {
            return new OneCycle(o.maxLr(), o.pctStart(), o.divFactor(), o.finalDivFactor(),
                    batchesPerEpoch * epochs, offset);
        }
        throw new IllegalArgumentException("unknown schedule " + spec);
    }
}
