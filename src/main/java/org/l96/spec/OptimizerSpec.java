package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Optimizers with PyTorch's meanings. {@code weightDecay} is PyTorch's {@code weight_decay}: coupled L2, i.e.
 * {@code weightDecay * param} added to the gradient of every parameter, biases included.
 * {@code decoupledWeightDecay} is the AdamW form: parameters shrink by {@code lr * decay} each step, outside the
 * adaptive update.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OptimizerSpec.Sgd.class, name = "sgd"),
        @JsonSubTypes.Type(value = OptimizerSpec.Adam.class, name = "adam"),
        @JsonSubTypes.Type(value = OptimizerSpec.AdamW.class, name = "adamw"),
        @JsonSubTypes.Type(value = OptimizerSpec.RmsProp.class, name = "rmsprop")})
public sealed interface OptimizerSpec {

    double lr();

    double weightDecay();

    record Sgd(double lr, double momentum, boolean nesterov, double weightDecay) implements OptimizerSpec {
    }

    record Adam(double lr, double beta1, double beta2, double epsilon, double weightDecay) implements OptimizerSpec {
        public static Adam withLr(double lr) {
            return new Adam(lr, Defaults.ADAM_BETA1, Defaults.ADAM_BETA2, Defaults.ADAM_EPSILON, 0);
        }
    }

    /** Adam with decoupled weight decay (PyTorch's AdamW; its default decay is 0.01). */
    record AdamW(double lr, double beta1, double beta2, double epsilon, double decoupledWeightDecay)
            implements OptimizerSpec {
        @Override
        @JsonIgnore
        public double weightDecay() {
            return 0;
        }
    }

    /** PyTorch's RMSprop: {@code alpha} is the smoothing constant of the squared-gradient average. */
    record RmsProp(double lr, double alpha, double epsilon, double momentum, double weightDecay)
            implements OptimizerSpec {
    }
}
