package org.l96.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every default of the spec, in one place: the Groovy DSL, the Java builder, the records' own constructors (for a
 * field left out of spec JSON) and a switch of type by a spec path ({@code --set
 * networks.ann.train.optimizer.type=sgd}) all take them from here. The optimizer, schedule and layer defaults are
 * PyTorch's; the evaluation defaults are the seed notebook's choices. (The world, simulation, data and training
 * defaults are the records' {@code DEFAULT} constants: {@link WorldSpec#DEFAULT}, {@link SimulationSpec#DEFAULT},
 * {@link DataSpec#DEFAULT}, {@link TrainSpec#DEFAULT}, {@link ExperimentSpec#DEFAULT_SEED}.)
 */
public final class Defaults {
    private Defaults() {
    }

    public static final Vocabulary.Integrator INTEGRATOR = Vocabulary.Integrator.RK4;
    public static final Vocabulary.Features FEATURES = Vocabulary.Features.NON_LOCAL;
    public static final Vocabulary.WeightInit WEIGHT_INIT = Vocabulary.WeightInit.PYTORCH;
    public static final Vocabulary.Loss LOSS = Vocabulary.Loss.MSE;
    /** A stochastic scheme's noise process when {@code noise} names none: AR(1), the literature's baseline. */
    public static final Vocabulary.NoiseProcess NOISE_PROCESS = Vocabulary.NoiseProcess.AR1;

    /** torch.optim's learning rate where it has one (SGD, Adam, AdamW). */
    public static final double LR = 0.001;
    public static final double ADAM_BETA1 = 0.9;
    public static final double ADAM_BETA2 = 0.999;
    public static final double ADAM_EPSILON = 1e-8;
    public static final double ADAMW_WEIGHT_DECAY = 0.01;
    public static final double RMSPROP_LR = 0.01;
    public static final double RMSPROP_ALPHA = 0.99;
    public static final double RMSPROP_EPSILON = 1e-8;
    /** torch.optim's SGD and RMSprop momentum, Nesterov off, and the (coupled) weight decay of SGD, Adam, RMSprop. */
    public static final double MOMENTUM = 0;
    public static final boolean NESTEROV = false;
    public static final double WEIGHT_DECAY = 0;

    public static final double STEP_GAMMA = 0.1;
    public static final String CYCLIC_MODE = Vocabulary.CyclicMode.TRIANGULAR.word();
    public static final double CYCLIC_GAMMA = 1.0;
    public static final double ONE_CYCLE_PCT_START = 0.3;
    public static final double ONE_CYCLE_DIV_FACTOR = 25;
    public static final double ONE_CYCLE_FINAL_DIV_FACTOR = 1e4;

    /** PyTorch's BatchNorm1d defaults. */
    public static final double BATCH_NORM_MOMENTUM = 0.1;
    public static final double BATCH_NORM_EPSILON = 1e-5;
    public static final String DENSE_ACTIVATION = Vocabulary.Activation.IDENTITY.word();

    /** Early stopping: five epochs without improvement, any improvement counts, keep the best weights. */
    public static final int EARLY_STOPPING_PATIENCE = 5;
    public static final double EARLY_STOPPING_MIN_DELTA = 0;
    public static final boolean EARLY_STOPPING_RESTORE_BEST = true;

    /** Windows per batch in rollout training when {@code batchSize} is not given (the L96 book's online chapter). */
    public static final int ROLLOUT_BATCH_WINDOWS = 32;

    /** Leslie Smith's range: 1e-7 to 10 over 100 batches, exponentially; fastai's smoothing and stop. */
    public static final double LR_RANGE_TEST_START_LR = 1e-7;
    public static final double LR_RANGE_TEST_END_LR = 10;
    public static final int LR_RANGE_TEST_ITERATIONS = 100;
    public static final Vocabulary.Ramp LR_RANGE_TEST_RAMP = Vocabulary.Ramp.EXPONENTIAL;
    public static final double LR_RANGE_TEST_SMOOTHING = 0.05;
    public static final double LR_RANGE_TEST_DIVERGE_THRESHOLD = 5;

    /** The notebook's trajectory: from the last truth state, ten time units. */
    public static final int TRAJECTORY_START = -1;
    public static final double TRAJECTORY_DURATION = 10;

    /** The notebook's 100-initial-condition test, every 0.1 time units (10 samples of 0.01), 1 time unit long. */
    public static final int ENSEMBLE_INITIAL_CONDITIONS = 100;
    public static final double ENSEMBLE_EVERY = 0.1;
    public static final int ENSEMBLE_FIRST = 0;
    public static final double ENSEMBLE_DURATION = 1;

    public static final int FORECAST_INITIAL_CONDITIONS = 300;
    public static final double FORECAST_EVERY = 10;
    public static final double FORECAST_LEAD = 3;
    public static final int FORECAST_BOOTSTRAP = 1000;
    public static final boolean FORECAST_CEILING = true;

    public static final double CLIMATE_DURATION = 100;
    public static final double CLIMATE_SPIN_UP = 10;
    public static final double CLIMATE_BIN_WIDTH = 0.5;
    public static final double CLIMATE_BIN_FROM = -15;
    public static final double CLIMATE_BIN_TO = 25;
    public static final double CLIMATE_MAX_LAG = 2.5;

    public static final Vocabulary.Combine SWEEP_COMBINE = Vocabulary.Combine.PRODUCT;
    public static final int SWEEP_SEEDS = 1;

    public static final int PREDICTIONS_VARIABLE = 0;
    public static final int PREDICTIONS_SAMPLES = 1000;
    public static final int TRAJECTORIES_VARIABLE = 0;
    public static final int TRAJECTORIES_STEPS = 200;
    /** Points of a couplingScatter: enough to show the cloud's shape, few enough for a light PDF. */
    public static final int COUPLING_SCATTER_SAMPLES = 5000;
    public static final double ACTIVATION_FROM = -2;
    public static final double ACTIVATION_TO = 2;

    private static final Map<Class<?>, Map<String, Object>> OF_TYPE = Map.ofEntries(
            Map.entry(OptimizerSpec.Sgd.class, fields("lr", LR, "momentum", MOMENTUM, "nesterov", NESTEROV,
                    "weightDecay", WEIGHT_DECAY)),
            Map.entry(OptimizerSpec.Adam.class, fields("lr", LR, "beta1", ADAM_BETA1, "beta2", ADAM_BETA2,
                    "epsilon", ADAM_EPSILON, "weightDecay", WEIGHT_DECAY)),
            Map.entry(OptimizerSpec.AdamW.class, fields("lr", LR, "beta1", ADAM_BETA1, "beta2", ADAM_BETA2,
                    "epsilon", ADAM_EPSILON, "decoupledWeightDecay", ADAMW_WEIGHT_DECAY)),
            Map.entry(OptimizerSpec.RmsProp.class, fields("lr", RMSPROP_LR, "alpha", RMSPROP_ALPHA,
                    "epsilon", RMSPROP_EPSILON, "momentum", MOMENTUM, "weightDecay", WEIGHT_DECAY)),
            Map.entry(ScheduleSpec.Constant.class, fields()),
            Map.entry(ScheduleSpec.Step.class, fields("gamma", STEP_GAMMA)),
            Map.entry(ScheduleSpec.Exponential.class, fields()),
            Map.entry(ScheduleSpec.Cyclic.class, fields("mode", CYCLIC_MODE, "gamma", CYCLIC_GAMMA)),
            Map.entry(ScheduleSpec.OneCycle.class, fields("pctStart", ONE_CYCLE_PCT_START,
                    "divFactor", ONE_CYCLE_DIV_FACTOR, "finalDivFactor", ONE_CYCLE_FINAL_DIV_FACTOR)),
            Map.entry(LayerSpec.Dense.class, fields("activation", DENSE_ACTIVATION)),
            Map.entry(LayerSpec.Dropout.class, fields()),
            Map.entry(LayerSpec.BatchNorm.class, fields("momentum", BATCH_NORM_MOMENTUM,
                    "epsilon", BATCH_NORM_EPSILON)));

    /**
     * Kinds whose type a path may switch. Optimizers keep the fields the new type also has ({@code lr},
     * {@code weightDecay}, {@code momentum}, {@code epsilon}, the betas: they mean the same in every torch.optim
     * optimizer); schedules and layers keep nothing, since their parameters of one name mean different things
     * ({@code gamma} of {@code step} is per stepSize epochs, of {@code exponential} per epoch, of {@code cyclic} per
     * batch).
     */
    static final List<Class<?>> SWITCHABLE = List.of(OptimizerSpec.class, ScheduleSpec.class, LayerSpec.class);

    static boolean keepsCommonFields(Class<?> kind) {
        return kind == OptimizerSpec.class;
    }

    /** Field → default of a switchable type; its other fields have no default and must be given. */
    static Map<String, Object> of(Class<?> type) {
        return OF_TYPE.getOrDefault(type, Map.of());
    }

    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
