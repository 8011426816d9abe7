package org.l96.nn;

import org.l96.nn.dl4j.CoupledWeightDecay;
import org.l96.nn.dl4j.DecoupledWeightDecay;
import org.l96.nn.dl4j.TorchAdam;
import org.l96.nn.dl4j.TorchRmsProp;
import org.l96.nn.dl4j.TorchSgd;
import org.l96.spec.OptimizerSpec;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.List;

/**
 * {@link OptimizerSpec} → DL4J updater and regularization with PyTorch's meanings (see the updater classes in
 * {@code org.l96.nn.dl4j} for the formulas). {@code weightDecay} becomes {@link CoupledWeightDecay} on every
 * parameter, biases included; AdamW's {@code decoupledWeightDecay} becomes {@link DecoupledWeightDecay}.
 */
public final class Optimizers {
    private Optimizers() {
    }

    /** The updater; {@code schedule} (nullable) gives the rate per iteration, else the spec's rate is constant. */
    public static IUpdater updater(OptimizerSpec spec, ISchedule schedule) {
        if (spec instanceof OptimizerSpec.Sgd s) {
            return new TorchSgd(s.lr(), s.momentum(), s.nesterov(), schedule);
        } else if (spec instanceof OptimizerSpec.Adam a) {
            return new TorchAdam(a.lr(), a.beta1(), a.beta2(), a.epsilon(), schedule);
        } else if (spec instanceof OptimizerSpec.AdamW a) {
            return new TorchAdam(a.lr(), a.beta1(), a.beta2(), a.epsilon(), schedule);
        } else if (spec instanceof OptimizerSpec.RmsProp r) {
            return new TorchRmsProp(r.lr(), r.alpha(), r.epsilon(), r.momentum(), schedule);
        }
        throw new IllegalArgumentException("unknown optimizer " + spec);
    }

    /** The regularizations for weights and biases alike. */
    public static List<Regularization> regularization(OptimizerSpec spec) {
        if (spec instanceof OptimizerSpec.AdamW a) {
            return a.decoupledWeightDecay() > 0 ? List.of(new DecoupledWeightDecay(a.decoupledWeightDecay()))
                    : List.of();
        }
        return spec.weightDecay() > 0 ? List.of(new CoupledWeightDecay(spec.weightDecay())) : List.of();
    }

    /** The same optimizer at another rate (for the LR range test). */
    public static OptimizerSpec withLr(OptimizerSpec spec, double lr) {
        if (spec instanceof OptimizerSpec.Sgd s) {
            return new OptimizerSpec.Sgd(lr, s.momentum(), s.nesterov(), s.weightDecay());
        } else if (spec instanceof OptimizerSpec.Adam a) {
            return new OptimizerSpec.Adam(lr, a.beta1(), a.beta2(), a.epsilon(), a.weightDecay());
        } else if (spec instanceof OptimizerSpec.AdamW a) {
            return new OptimizerSpec.AdamW(lr, a.beta1(), a.beta2(), a.epsilon(), a.decoupledWeightDecay());
        } else if (spec instanceof OptimizerSpec.RmsProp r) {
            return new OptimizerSpec.RmsProp(lr, r.alpha(), r.epsilon(), r.momentum(), r.weightDecay());
        }
        throw new IllegalArgumentException("unknown optimizer " + spec);
    }
}
