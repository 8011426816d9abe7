package org.l96.spec;

/**
 * How a network is trained: epochs, optimizer (with its regularization), learning-rate schedule, optional early
 * stopping and an optional batch size that overrides the data block's.
 */
public record TrainSpec(int epochs, OptimizerSpec optimizer, ScheduleSpec schedule, EarlyStoppingSpec earlyStopping,
                        Integer batchSize) {

    public static final TrainSpec DEFAULT = new TrainSpec(10, OptimizerSpec.Adam.withLr(Defaults.LR),
            new ScheduleSpec.Constant(), null, null);

    public TrainSpec {
        optimizer = optimizer == null ? OptimizerSpec.Adam.withLr(Defaults.LR) : optimizer;
        schedule = schedule == null ? new ScheduleSpec.Constant() : schedule;
    }
}
