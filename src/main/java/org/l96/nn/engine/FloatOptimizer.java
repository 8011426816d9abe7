package org.l96.nn.engine;

import org.l96.spec.OptimizerSpec;

/**
 * The optimizers of {@link OptimizerSpec} with the formulas of {@code org.l96.nn.dl4j.TorchSgd}, {@code TorchAdam}
 * and {@code TorchRmsProp} (PyTorch's), over the trainable ranges of a parameter array, float32:
 * <pre>
 *   coupled weight decay w:    g += w·p                                       (before the update rule)
 *   SGD:      b = mu·b + g;  u = nesterov ? g + mu·b : (mu > 0 ? b : g);  u *= lr
 *   Adam:     m = b1·m + (1-b1)·g;  v = b2·v + (1-b2)·g²;
 *             u = lr·√(1-b2^t)/(1-b1^t) · m / (√v + eps·√(1-b2^t))            (t = step + 1; = PyTorch's form)
 *   RMSprop:  s = a·s + (1-a)·g²;  u = g/(√s + eps);  momentum: b = mu·b + u, u = b;  u *= lr
 *   decoupled weight decay w (AdamW): u += lr·w·p
 *   p -= u
 * </pre>
 * Weight decay applies to the ranges so marked (dense weights and biases; not batch-norm's gamma and beta, as in
 * the DL4J configuration). {@code state0}/{@code state1} are Adam's m/v, SGD's momentum buffer, RMSprop's mean
 * square and momentum buffer, laid out like the parameters.
 */
public final class FloatOptimizer {
    static final int SGD = 0, ADAM = 1, RMSPROP = 2;

    final int type;
    private final float momentum;
    private final boolean nesterov;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final float alpha;
    private final float complementOfAlpha;
    private final float coupledDecay;
    private final double decoupledDecay;
    final float[] state0;
    final float[] state1;
    /** Updates done so far (Adam's bias correction uses {@code step + 1}). */
    int step;

    public FloatOptimizer(OptimizerSpec spec, int numParams) {
        OptimizerSpec.Adam adam = asAdam(spec);
        if (spec instanceof OptimizerSpec.Sgd s) {
            type = SGD;
            momentum = (float) s.momentum();
            nesterov = s.nesterov();
            beta1 = beta2 = epsilon = 0;
            alpha = 0;
        } else if (adam != null) {
            type = ADAM;
            beta1 = adam.beta1();
            beta2 = adam.beta2();
            epsilon = adam.epsilon();
            momentum = 0;
            nesterov = false;
            alpha = 0;
        } else if (spec instanceof OptimizerSpec.RmsProp r) {
            type = RMSPROP;
            alpha = (float) r.alpha();
            epsilon = r.epsilon();
            momentum = (float) r.momentum();
            nesterov = false;
            beta1 = beta2 = 0;
        } else {
            throw new IllegalArgumentException("unknown optimizer " + spec);
        }
        complementOfAlpha = spec instanceof OptimizerSpec.RmsProp r ? (float) (1 - r.alpha()) : 0f;
        coupledDecay = spec instanceof OptimizerSpec.AdamW ? 0f : (float) spec.weightDecay();
        decoupledDecay = spec instanceof OptimizerSpec.AdamW a ? a.decoupledWeightDecay() : 0;
        state0 = new float[numParams];
        state1 = new float[numParams];
    }

    /**
     * Adam's moments and epsilon of an Adam or AdamW spec (AdamW is Adam whose weight decay is decoupled, applied
     * below by {@code decoupledDecay}); null for other optimizers.
     */
    private static OptimizerSpec.Adam asAdam(OptimizerSpec spec) {
        if (spec instanceof OptimizerSpec.AdamW w) {
            return new OptimizerSpec.Adam(w.lr(), w.beta1(), w.beta2(), w.epsilon(), 0);
        }
        return spec instanceof OptimizerSpec.Adam a ? a : null;
    }

    /** Number of state arrays DL4J keeps for this optimizer (per parameter). */
    int stateParts() {
        return switch (type) {
            case SGD -> momentum > 0 ? 1 : 0;
            case ADAM -> 2;
            default -> momentum > 0 ? 2 : 1;
        };
    }

    /** One update of {@code p} from gradient {@code g} (modified) at rate {@code lr}. */
    void update(float[] p, float[] g, int[][] ranges, double lr) {
        int t = step + 1;
        float adamRate = 0;
        float adamEps = 0;
        if (type == ADAM) {
            double bc2 = Math.sqrt(1 - Math.pow(beta2, t));
            adamRate = (float) (lr * bc2 / (1 - Math.pow(beta1, t)));
            adamEps = (float) (epsilon * bc2);
        }
        float rate = (float) lr;
        float decoupled = (float) (lr * decoupledDecay);
        for (int[] r : ranges) {
            int from = r[0];
            int to = r[1];
            boolean decays = r[2] != 0;
            if (decays && coupledDecay != 0) {
                for (int i = from; i < to; i++) {
                    g[i] += coupledDecay * p[i];
                }
            }
            switch (type) {
                case SGD -> sgd(p, g, from, to, rate, decays ? decoupled : 0f);
                case ADAM -> adam(p, g, from, to, adamRate, adamEps, decays ? decoupled : 0f);
                default -> rmsProp(p, g, from, to, rate, decays ? decoupled : 0f);
            }
        }
        step++;
    }

    private void sgd(float[] p, float[] g, int from, int to, float lr, float decoupled) {
        float[] buf = state0;
        float mu = momentum;
        for (int i = from; i < to; i++) {
            float u = g[i];
            if (mu > 0) {
                float b = mu * buf[i] + u;
                buf[i] = b;
                u = nesterov ? u + mu * b : b;
            }
            p[i] -= u * lr + decoupled * p[i];
        }
    }

    private void adam(float[] p, float[] g, int from, int to, float rate, float eps, float decoupled) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        // 1 - β rounded once from double: 1 - 0.999f in float is 1.00005e-3, a bias of 5e-5 in every v
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float[] m = state0;
        float[] v = state1;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= rate * mi / ((float) Math.sqrt(vi) + eps) + decoupled * p[i];
        }
    }

    private void rmsProp(float[] p, float[] g, int from, int to, float lr, float decoupled) {
        float a = alpha;
        float c = complementOfAlpha;
        float e = (float) epsilon;
        float mu = momentum;
        float[] s = state0;
        float[] buf = state1;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float si = a * s[i] + c * gi * gi;
            s[i] = si;
            float u = gi / ((float) Math.sqrt(si) + e);
            if (mu > 0) {
                u = mu * buf[i] + u;
                buf[i] = u;
            }
            p[i] -= u * lr + decoupled * p[i];
        }
    }
}
