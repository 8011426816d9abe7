package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How a network is trained: epochs, optimizer (with its regularization), learning-rate schedule, optional early
 * stopping and an optional batch size that overrides the data block's.
 *
 * <p>With {@code rollout} set the network is trained online, through the coarse model: windows of {@code rollout}
 * coarse steps from truth states, stepped with {@code stepper} (an {@link Vocabulary.Integrator} word; rk4 when not
 * given) at {@code dt} (model time units; the sampling interval when not given, the only value allowed), the loss the
 * mean squared difference of X over each window, plus {@code offlineWeight} times the offline loss when given. The
 * batch size then counts windows (default {@link Defaults#ROLLOUT_BATCH_WINDOWS}; the data block's, which counts
 * samples, does not apply). Without {@code rollout}, {@code stepper}, {@code dt} and {@code offlineWeight} must be
 * absent.
 */
public record TrainSpec(int epochs, OptimizerSpec optimizer, ScheduleSpec schedule, EarlyStoppingSpec earlyStopping,
                        Integer batchSize, Integer rollout, String stepper, Double dt, Double offlineWeight) {

    public static final TrainSpec DEFAULT = new TrainSpec(10, OptimizerSpec.Adam.withLr(Defaults.LR),
            new ScheduleSpec.Constant(), null, null);

    public TrainSpec {
        optimizer = optimizer == null ? OptimizerSpec.Adam.withLr(Defaults.LR) : optimizer;
        schedule = schedule == null ? new ScheduleSpec.Constant() : schedule;
        // offlineWeight 0 is no offline loss, as when absent: left out (as the canonical JSON leaves defaults out),
        // so that writing it, or --set to it, keeps the stage key; without rollout it stays, to be refused. (stepper
        // 'rk4' is not: the examples and earlier manifests record it, and their stage keys must not change)
        if (rollout != null) {
            offlineWeight = offlineWeight != null && offlineWeight == 0.0 ? null : offlineWeight;
        }
    }

    /** The same training with {@code dt} left out (its default, the sampling interval). */
    TrainSpec withoutDt() {
        return new TrainSpec(epochs, optimizer, schedule, earlyStopping, batchSize, rollout, stepper, null,
                offlineWeight);
    }

    /** Offline training. */
    public TrainSpec(int epochs, OptimizerSpec optimizer, ScheduleSpec schedule, EarlyStoppingSpec earlyStopping,
                     Integer batchSize) {
        this(epochs, optimizer, schedule, earlyStopping, batchSize, null, null, null, null);
    }

    /** Whether the network trains through the coarse model ({@code rollout} is set). */
    @JsonIgnore
    public boolean isRollout() {
        return rollout != null;
    }

    /** The rollout's time stepping of a validated spec (rk4 when not given). */
    @JsonIgnore
    public Vocabulary.Integrator stepperKind() {
        return stepper == null ? Defaults.INTEGRATOR : Vocabulary.of(Vocabulary.Integrator.class, stepper);
    }

    /** The rollout's coarse step: {@code dt}, or the sampling interval when not given. */
    public double dtOr(double sampleInterval) {
        return dt == null ? sampleInterval : dt;
    }

    /** Windows per batch in rollout training: {@code batchSize}, or {@link Defaults#ROLLOUT_BATCH_WINDOWS}. */
    @JsonIgnore
    public int batchWindows() {
        return batchSize == null ? Defaults.ROLLOUT_BATCH_WINDOWS : batchSize;
    }

    /** The weight of the offline loss added to the rollout loss (0 when not given). */
    @JsonIgnore
    public double offlineWeightOrZero() {
        return offlineWeight == null ? 0 : offlineWeight;
    }
}
