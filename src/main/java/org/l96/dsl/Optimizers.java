package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.OptimizerSpec;

/**
 * Optimizers with PyTorch's defaults, for Java ({@code optimizer(Optimizers.adam(0.003))}); scripts write the same
 * words inside {@code train { }}: {@code optimizer adam(lr: 0.003)}.
 */
public final class Optimizers {
    public static final double ADAM_BETA1 = Defaults.ADAM_BETA1;
    public static final double ADAM_BETA2 = Defaults.ADAM_BETA2;
    public static final double ADAM_EPSILON = Defaults.ADAM_EPSILON;
    public static final double ADAMW_WEIGHT_DECAY = Defaults.ADAMW_WEIGHT_DECAY;
    public static final double RMSPROP_LR = Defaults.RMSPROP_LR;
    public static final double RMSPROP_ALPHA = Defaults.RMSPROP_ALPHA;
    public static final double RMSPROP_EPSILON = Defaults.RMSPROP_EPSILON;
    public static final double DEFAULT_LR = Defaults.LR;

    private Optimizers() {
    }

    /** Plain SGD (no momentum, no weight decay). */
    public static OptimizerSpec.Sgd sgd(double lr) {
        return new OptimizerSpec.Sgd(lr, Defaults.MOMENTUM, Defaults.NESTEROV, Defaults.WEIGHT_DECAY);
    }

    public static OptimizerSpec.Sgd sgd(double lr, double momentum, boolean nesterov, double weightDecay) {
        return new OptimizerSpec.Sgd(lr, momentum, nesterov, weightDecay);
    }

    /** Adam with lr 0.001, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static OptimizerSpec.Adam adam() {
        return adam(DEFAULT_LR);
    }

    public static OptimizerSpec.Adam adam(double lr) {
        return new OptimizerSpec.Adam(lr, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, Defaults.WEIGHT_DECAY);
    }

    /** {@code weightDecay} is PyTorch's coupled L2 ({@code weight_decay} of torch.optim.Adam). */
    public static OptimizerSpec.Adam adam(double lr, double beta1, double beta2, double epsilon, double weightDecay) {
        return new OptimizerSpec.Adam(lr, beta1, beta2, epsilon, weightDecay);
    }

    /** AdamW with PyTorch's decoupled weight decay 0.01. */
    public static OptimizerSpec.AdamW adamw(double lr) {
        return new OptimizerSpec.AdamW(lr, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, ADAMW_WEIGHT_DECAY);
    }

    public static OptimizerSpec.AdamW adamw(double lr, double beta1, double beta2, double epsilon,
                                            double decoupledWeightDecay) {
        return new OptimizerSpec.AdamW(lr, beta1, beta2, epsilon, decoupledWeightDecay);
    }

    /** RMSprop with alpha 0.99, eps 1e-8, no momentum, no weight decay. */
    public static OptimizerSpec.RmsProp rmsprop(double lr) {
        return new OptimizerSpec.RmsProp(lr, RMSPROP_ALPHA, RMSPROP_EPSILON, Defaults.MOMENTUM,
                Defaults.WEIGHT_DECAY);
    }

    public static OptimizerSpec.RmsProp rmsprop(double lr, double alpha, double epsilon, double momentum,
                                                double weightDecay) {
        return new OptimizerSpec.RmsProp(lr, alpha, epsilon, momentum, weightDecay);
    }
}
