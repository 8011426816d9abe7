package org.l96.nn;

import org.l96.spec.Vocabulary;
import org.l96.spec.ScheduleSpec;

/**
 * Learning-rate schedules with PyTorch's formulas. {@code step} is the 0-based index of the batch within the training
 * run ({@code epoch} the 0-based epoch); each formula gives the rate used for that batch, i.e. what the PyTorch
 * scheduler has set after {@code step} calls of {@code scheduler.step()} (per batch for cyclic and one-cycle, per
 * epoch for step and exponential).
 */
public final class Schedules {
    private Schedules() {
    }

    /** StepLR: {@code lr · gamma^floor(epoch / stepSize)}. */
    public static double step(double lr, int stepSize, double gamma, int epoch) {
        return lr * Math.pow(gamma, Math.floorDiv(epoch, stepSize));
    }

    /** ExponentialLR: {@code lr · gamma^epoch}. */
    public static double exponential(double lr, double gamma, int epoch) {
        return lr * Math.pow(gamma, epoch);
    }

    /**
     * CyclicLR ({@code torch.optim.lr_scheduler.CyclicLR}) at batch {@code step}: triangular, triangular2 (the
     * amplitude halves each cycle) or exp_range (amplitude scaled by {@code gamma^step}).
     */
    public static double cyclic(double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, String mode,
                                double gamma, int step) {
        double total = stepSizeUp + stepSizeDown;
        double stepRatio = stepSizeUp / total;
        double cycle = Math.floor(1 + step / total);
        double x = 1.0 + step / total - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double height = (maxLr - baseLr) * scaleFactor;
        double scale = switch (Vocabulary.of(Vocabulary.CyclicMode.class, mode)) {
            case TRIANGULAR -> 1.0;
            case TRIANGULAR2 -> 1 / Math.pow(2, cycle - 1);
            case EXP_RANGE -> Math.pow(gamma, step);
        };
        return baseLr + height * scale;
    }

    /**
     * OneCycleLR ({@code torch.optim.lr_scheduler.OneCycleLR}, cosine annealing, two phases) at batch {@code step}
     * of {@code totalSteps}.
     */
    public static double oneCycle(double maxLr, double pctStart, double divFactor, double finalDivFactor,
                                  int totalSteps, int step) {
        double initial = maxLr / divFactor;
        double min = initial / finalDivFactor;
        double end1 = pctStart * totalSteps - 1;
        double end2 = totalSteps - 1;
        if (step <= end1) {
            return cosine(initial, maxLr, step / end1);
        }
        return cosine(maxLr, min, (step - end1) / (end2 - end1));
    }

    private static double cosine(double start, double end, double pct) {
        return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }

    /**
     * The LR range test's ramp (torch-lr-finder): at iteration {@code i} of {@code iterations}, exponential
     * {@code start · (end/start)^(i/(iterations-1))} or linear {@code start + i/(iterations-1) · (end-start)}.
     */
    public static double ramp(double start, double end, int iterations, boolean exponential, int i) {
        double r = (double) i / (iterations - 1);
        return exponential ? start * Math.pow(end / start, r) : start + r * (end - start);
    }

    /**
     * The rate at batch {@code step} of a training run.
     *
     * @param optimizerLr     the optimizer's rate (constant, step and exponential start from it; cyclic and one-cycle
     *                        ignore it, as PyTorch's CyclicLR and OneCycleLR overwrite it)
     * @param batchesPerEpoch batches per epoch (for per-epoch schedules)
     * @param totalSteps      batches in the whole run (one-cycle)
     */
    public static double rate(ScheduleSpec spec, double optimizerLr, int batchesPerEpoch, int totalSteps, int step) {
        int epoch = step / batchesPerEpoch;
        if (spec == null || spec instanceof ScheduleSpec.Constant) {
            return optimizerLr;
        } else if (spec instanceof ScheduleSpec.Step s) {
            return step(optimizerLr, s.stepSize(), s.gamma(), epoch);
        } else if (spec instanceof ScheduleSpec.Exponential e) {
            return exponential(optimizerLr, e.gamma(), epoch);
        } else if (spec instanceof ScheduleSpec.Cyclic c) {
            return cyclic(c.baseLr(), c.maxLr(), c.stepSizeUp(), c.stepSizeDown(), c.mode(), c.gamma(), step);
        } else if (spec instanceof ScheduleSpec.OneCycle o) {
            return oneCycle(o.maxLr(), o.pctStart(), o.divFactor(), o.finalDivFactor(), totalSteps, step);
        }
        throw new IllegalArgumentException("unknown schedule " + spec);
    }
}
