package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.EarlyStoppingSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;
import org.l96.spec.TrainSpec;

import java.util.List;
import java.util.Map;

/**
 * {@code train { epochs 50; optimizer adam(lr: 0.003); schedule step(10, 0.5); earlyStopping patience: 5 }}.
 * Starts from the defaults, or from the base network's training when the network is derived, and changes only
 * what the block says. The optimizer and schedule words ({@code adam}, {@code step}, …) give values to pass to
 * {@code optimizer} and {@code schedule}.
 */
public final class TrainBuilder extends DslBuilder {
    /** Early-stopping defaults: five epochs without improvement, any improvement counts, keep the best weights. */
    public static final int EARLY_STOPPING_PATIENCE = Defaults.EARLY_STOPPING_PATIENCE;
    public static final double EARLY_STOPPING_MIN_DELTA = Defaults.EARLY_STOPPING_MIN_DELTA;
    public static final boolean EARLY_STOPPING_RESTORE_BEST = Defaults.EARLY_STOPPING_RESTORE_BEST;

    private static final List<String> ADAM_OPTIONS = List.of("lr", "beta1", "beta2", "epsilon", "weightDecay");

    private int epochs;
    private OptimizerSpec optimizer;
    private ScheduleSpec schedule;
    private EarlyStoppingSpec earlyStopping;
    private Integer batchSize;
    private Integer rollout;
    private String stepper;
    private Double dt;
    private Double offlineWeight;

    TrainBuilder(DslContext context, String path, TrainSpec from) {
        super(context, path);
        epochs = from.epochs();
        optimizer = from.optimizer();
        schedule = from.schedule();
        earlyStopping = from.earlyStopping();
        batchSize = from.batchSize();
        rollout = from.rollout();
        stepper = from.stepper();
        dt = from.dt();
        offlineWeight = from.offlineWeight();
    }

    @Override
    String blockName() {
        return "train";
    }

    @Override
    String usage(String word) {
        return switch (word) {
            case "earlyStopping" -> "nothing or named options (earlyStopping patience: 5, minDelta: 1e-4, "
                    + "restoreBest: true)";
            case "optimizer" -> "an optimizer: sgd(..), adam(..), adamw(..) or rmsprop(..), e.g. adam(lr: 0.003)";
            case "schedule" -> "a schedule: constant(), step(..), exponential(..), cyclic(..) or oneCycle(..)";
            case "rollout" -> "a whole number of coarse steps (the window, 1 or more); to train offline instead, "
                    + "write offline()";
            default -> null;
        };
    }

    /** Passes over the training data. */
    public TrainBuilder epochs(int epochs) {
        set("epochs", "epochs");
        this.epochs = epochs;
        return this;
    }

    /**
     * Trains online, through the coarse model: windows of {@code steps} coarse steps from truth states of the
     * training segment, the loss the mean squared difference of X over the window (see dsl-docs/train.md, "Online
     * training").
     */
    public TrainBuilder rollout(int steps) {
        set("rollout", "rollout");
        this.rollout = steps;
        return this;
    }

    /**
     * Trains offline (the default): clears {@code rollout} and the online-only words ({@code stepper}, {@code dt},
     * {@code offlineWeight}) that a network made {@code from:} or {@code continues:} an online one inherits.
     */
    public TrainBuilder offline() {
        set("offline", "rollout");
        this.rollout = null;
        this.stepper = null;
        this.dt = null;
        this.offlineWeight = null;
        return this;
    }

    /** The coarse model's time stepping in rollout training: 'euler', 'rk2' or 'rk4' (default rk4). */
    public TrainBuilder stepper(String scheme) {
        set("stepper", "stepper");
        this.stepper = scheme;
        return this;
    }

    /** The coarse model's step in rollout training, in model time units (the sampling interval, its default). */
    public TrainBuilder dt(double step) {
        set("dt", "dt");
        this.dt = step;
        return this;
    }

    /** In rollout training, adds this weight times the offline loss (on the training samples) to the rollout loss. */
    public TrainBuilder offlineWeight(double weight) {
        set("offlineWeight", "offlineWeight");
        this.offlineWeight = weight;
        return this;
    }

    /** Samples per batch for this network (instead of the data block's); windows per batch in rollout training. */
    public TrainBuilder batchSize(int samples) {
        set("batchSize", "batchSize");
        this.batchSize = samples;
        return this;
    }

    public TrainBuilder optimizer(OptimizerSpec optimizer) {
        set("optimizer", "optimizer");
        this.optimizer = optimizer;
        return this;
    }

    public TrainBuilder schedule(ScheduleSpec schedule) {
        set("schedule", "schedule");
        this.schedule = schedule;
        return this;
    }

    /** Stop after 5 epochs without improvement of the validation loss and restore the best weights. */
    public TrainBuilder earlyStopping() {
        return earlyStopping(EARLY_STOPPING_PATIENCE, EARLY_STOPPING_MIN_DELTA, EARLY_STOPPING_RESTORE_BEST);
    }

    /** {@code earlyStopping patience: 5, minDelta: 1e-4, restoreBest: true}. */
    public TrainBuilder earlyStopping(Map<String, ?> options) {
        Options o = new Options(this, "earlyStopping", options, here("earlyStopping"),
                List.of("patience", "minDelta", "restoreBest"));
        context.record(path + ".earlyStopping", o.at());
        earlyStopping = new EarlyStoppingSpec(o.whole("patience", EARLY_STOPPING_PATIENCE),
                o.number("minDelta", EARLY_STOPPING_MIN_DELTA), o.bool("restoreBest", EARLY_STOPPING_RESTORE_BEST));
        return this;
    }

    public TrainBuilder earlyStopping(int patience, double minDelta, boolean restoreBest) {
        set("earlyStopping", "earlyStopping");
        earlyStopping = new EarlyStoppingSpec(patience, minDelta, restoreBest);
        return this;
    }

    // ---- optimizers (PyTorch defaults) ----------------------------------------------------------------------------

    public OptimizerSpec.Sgd sgd(double lr) {
        return Optimizers.sgd(lr);
    }

    /** {@code sgd(lr: 0.01, momentum: 0.9, nesterov: true, weightDecay: 1e-4)}. */
    public OptimizerSpec.Sgd sgd(Map<String, ?> options) {
        Options o = new Options(this, "sgd", options, here("sgd"),
                List.of("lr", "momentum", "nesterov", "weightDecay"));
        return Optimizers.sgd(o.number("lr", Optimizers.DEFAULT_LR), o.number("momentum", Defaults.MOMENTUM),
                o.bool("nesterov", Defaults.NESTEROV), o.number("weightDecay", Defaults.WEIGHT_DECAY));
    }

    public OptimizerSpec.Sgd sgd(double lr, double momentum, boolean nesterov, double weightDecay) {
        return Optimizers.sgd(lr, momentum, nesterov, weightDecay);
    }

    public OptimizerSpec.Adam adam() {
        return Optimizers.adam();
    }

    public OptimizerSpec.Adam adam(double lr) {
        return Optimizers.adam(lr);
    }

    /** {@code adam(lr: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1)}. */
    public OptimizerSpec.Adam adam(Map<String, ?> options) {
        Options o = new Options(this, "adam", options, here("adam"), ADAM_OPTIONS);
        return Optimizers.adam(o.number("lr", Optimizers.DEFAULT_LR), o.number("beta1", Optimizers.ADAM_BETA1),
                o.number("beta2", Optimizers.ADAM_BETA2), o.number("epsilon", Optimizers.ADAM_EPSILON),
                o.number("weightDecay", Defaults.WEIGHT_DECAY));
    }

    public OptimizerSpec.Adam adam(double lr, double beta1, double beta2, double epsilon, double weightDecay) {
        return Optimizers.adam(lr, beta1, beta2, epsilon, weightDecay);
    }

    public OptimizerSpec.AdamW adamw(double lr) {
        return Optimizers.adamw(lr);
    }

    /** {@code adamw(lr: 0.003, decoupledWeightDecay: 0.01)} (also beta1, beta2, epsilon). */
    public OptimizerSpec.AdamW adamw(Map<String, ?> options) {
        Options o = new Options(this, "adamw", options, here("adamw"),
                List.of("lr", "beta1", "beta2", "epsilon", "decoupledWeightDecay"));
        return Optimizers.adamw(o.number("lr", Optimizers.DEFAULT_LR), o.number("beta1", Optimizers.ADAM_BETA1),
                o.number("beta2", Optimizers.ADAM_BETA2), o.number("epsilon", Optimizers.ADAM_EPSILON),
                o.number("decoupledWeightDecay", Optimizers.ADAMW_WEIGHT_DECAY));
    }

    public OptimizerSpec.AdamW adamw(double lr, double beta1, double beta2, double epsilon,
                                     double decoupledWeightDecay) {
        return Optimizers.adamw(lr, beta1, beta2, epsilon, decoupledWeightDecay);
    }

    public OptimizerSpec.RmsProp rmsprop(double lr) {
        return Optimizers.rmsprop(lr);
    }

    /** {@code rmsprop(lr: 0.01, alpha: 0.99, epsilon: 1e-8, momentum: 0, weightDecay: 0)}. */
    public OptimizerSpec.RmsProp rmsprop(Map<String, ?> options) {
        Options o = new Options(this, "rmsprop", options, here("rmsprop"),
                List.of("lr", "alpha", "epsilon", "momentum", "weightDecay"));
        return Optimizers.rmsprop(o.number("lr", Optimizers.RMSPROP_LR), o.number("alpha", Optimizers.RMSPROP_ALPHA),
                o.number("epsilon", Optimizers.RMSPROP_EPSILON), o.number("momentum", Defaults.MOMENTUM),
                o.number("weightDecay", Defaults.WEIGHT_DECAY));
    }

    public OptimizerSpec.RmsProp rmsprop(double lr, double alpha, double epsilon, double momentum,
                                         double weightDecay) {
        return Optimizers.rmsprop(lr, alpha, epsilon, momentum, weightDecay);
    }

    // ---- schedules ------------------------------------------------------------------------------------------------

    public ScheduleSpec.Constant constant() {
        return Schedules.constant();
    }

    public ScheduleSpec.Step step(int stepSize) {
        return Schedules.step(stepSize);
    }

    public ScheduleSpec.Step step(int stepSize, double gamma) {
        return Schedules.step(stepSize, gamma);
    }

    /** {@code step(stepSize: 10, gamma: 0.5)}. */
    public ScheduleSpec.Step step(Map<String, ?> options) {
        Options o = new Options(this, "step", options, here("step"), List.of("stepSize", "gamma"));
        return Schedules.step(o.whole("stepSize", 0), o.number("gamma", Schedules.STEP_GAMMA));
    }

    public ScheduleSpec.Exponential exponential(double gamma) {
        return Schedules.exponential(gamma);
    }

    /** {@code cyclic(baseLr: 1e-4, maxLr: 1e-2, stepSizeUp: 200, stepSizeDown: 200, mode: 'triangular', gamma: 1)}. */
    public ScheduleSpec.Cyclic cyclic(Map<String, ?> options) {
        Options o = new Options(this, "cyclic", options, here("cyclic"),
                List.of("baseLr", "maxLr", "stepSizeUp", "stepSizeDown", "mode", "gamma"));
        int up = o.whole("stepSizeUp", 0);
        return Schedules.cyclic(o.number("baseLr", 0), o.number("maxLr", 0), up, o.whole("stepSizeDown", up),
                o.text("mode", Schedules.CYCLIC_MODE), o.number("gamma", Schedules.CYCLIC_GAMMA));
    }

    public ScheduleSpec.Cyclic cyclic(double baseLr, double maxLr, int stepSizeUp) {
        return Schedules.cyclic(baseLr, maxLr, stepSizeUp);
    }

    public ScheduleSpec.Cyclic cyclic(double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, String mode,
                                      double gamma) {
        return Schedules.cyclic(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma);
    }

    public ScheduleSpec.OneCycle oneCycle(double maxLr) {
        return Schedules.oneCycle(maxLr);
    }

    /** {@code oneCycle(maxLr: 0.01, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4)}. */
    public ScheduleSpec.OneCycle oneCycle(Map<String, ?> options) {
        Options o = new Options(this, "oneCycle", options, here("oneCycle"),
                List.of("maxLr", "pctStart", "divFactor", "finalDivFactor"));
        return Schedules.oneCycle(o.number("maxLr", 0), o.number("pctStart", Schedules.ONE_CYCLE_PCT_START),
                o.number("divFactor", Schedules.ONE_CYCLE_DIV_FACTOR),
                o.number("finalDivFactor", Schedules.ONE_CYCLE_FINAL_DIV_FACTOR));
    }

    public ScheduleSpec.OneCycle oneCycle(double maxLr, double pctStart, double divFactor, double finalDivFactor) {
        return Schedules.oneCycle(maxLr, pctStart, divFactor, finalDivFactor);
    }

    TrainSpec toSpec() {
        return new TrainSpec(epochs, optimizer, schedule, earlyStopping, batchSize, rollout, stepper, dt,
                offlineWeight);
    }
}
