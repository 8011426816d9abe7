package org.l96.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The defaults of the optimizer, schedule and layer words (PyTorch's), in one place: the Groovy DSL, the Java builder
 * and a switch of type by a spec path ({@code --set networks.ann.train.optimizer.type=sgd}) all take them from here.
 */
public final class Defaults {
    private Defaults() {
    }

    /** torch.optim's learning rate where it has one (SGD, Adam, AdamW). */
    public static final double LR = 0.001;
    public static final double ADAM_BETA1 = 0.9;
    public static final double ADAM_BETA2 = 0.999;
    public static final double ADAM_EPSILON = 1e-8;
    public static final double ADAMW_WEIGHT_DECAY = 0.01;
    public static final double RMSPROP_LR = 0.01;
    public static final double RMSPROP_ALPHA = 0.99;
    public static final double RMSPROP_EPSILON = 1e-8;

    public static final double STEP_GAMMA = 0.1;
    public static final String CYCLIC_MODE = "triangular";
    public static final double CYCLIC_GAMMA = 1.0;
    public static final double ONE_CYCLE_PCT_START = 0.3;
    public static final double ONE_CYCLE_DIV_FACTOR = 25;
    public static final double ONE_CYCLE_FINAL_DIV_FACTOR = 1e4;

    /** PyTorch's BatchNorm1d defaults. */
    public static final double BATCH_NORM_MOMENTUM = 0.1;
    public static final double BATCH_NORM_EPSILON = 1e-5;
    public static final String DENSE_ACTIVATION = "identity";

    private static final Map<Class<?>, Map<String, Object>> OF_TYPE = Map.ofEntries(
            Map.entry(OptimizerSpec.Sgd.class, fields("lr", LR, "momentum", 0.0, "nesterov", false,
                    "weightDecay", 0.0)),
            Map.entry(OptimizerSpec.Adam.class, fields("lr", LR, "beta1", ADAM_BETA1, "beta2", ADAM_BETA2,
                    "epsilon", ADAM_EPSILON, "weightDecay", 0.0)),
            Map.entry(OptimizerSpec.AdamW.class, fields("lr", LR, "beta1", ADAM_BETA1, "beta2", ADAM_BETA2,
                    "epsilon", ADAM_EPSILON, "decoupledWeightDecay", ADAMW_WEIGHT_DECAY)),
            Map.entry(OptimizerSpec.RmsProp.class, fields("lr", RMSPROP_LR, "alpha", RMSPROP_ALPHA,
                    "epsilon", RMSPROP_EPSILON, "momentum", 0.0, "weightDecay", 0.0)),
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
