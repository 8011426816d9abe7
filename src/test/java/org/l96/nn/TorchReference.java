package org.l96.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent, plain-Java (double precision) model of what PyTorch computes for the tool's networks, for the
 * step-by-step semantics tests: the forward pass of {@code nn.Linear}, {@code nn.BatchNorm1d} (training: batch mean
 * and biased batch variance, running statistics updated with the unbiased variance and momentum; evaluation: running
 * statistics) and {@code nn.Dropout} (identity in evaluation), the losses {@code MSELoss}/{@code L1Loss} with mean
 * reduction, and the {@code torch.optim} update rules as written in PyTorch's documentation (pseudo-code of SGD,
 * Adam, AdamW and RMSprop). Gradients are central finite differences of the double-precision loss (autograd's
 * stand-in: truncation error ~h², rounding ~1e-16/h, both far below float32's resolution), so nothing here shares
 * code with the tool's training.
 *
 * <p>Parameters are one flat vector, layer by layer: a dense layer's weight in PyTorch's layout {@code (out, in)}
 * row-major, then its bias; a batch norm's weight (gamma) then bias (beta).
 */
final class TorchReference {

    sealed interface Layer permits Dense, BatchNorm, Dropout {
    }

    record Dense(int in, int out, String activation) implements Layer {
    }

    record BatchNorm(int n, double momentum, double eps) implements Layer {
    }

    /** Identity here: the reference is used in evaluation mode, or with p = 0, for dropout. */
    record Dropout(double p) implements Layer {
    }

    final List<Layer> layers;
    final String loss;
    final int nIn;
    final int nOut;
    final int[] offset;
    final int size;
    final List<double[]> runningMean = new ArrayList<>();
    final List<double[]> runningVar = new ArrayList<>();
    /** PyTorch's rule; false gives DL4J's (biased) running variance, to show that the tests tell them apart. */
    boolean unbiasedRunningVar = true;

    TorchReference(List<Layer> layers, String loss) {
        this.layers = List.copyOf(layers);
        this.loss = loss;
        offset = new int[layers.size()];
        int n = 0;
        int in = -1;
        int out = -1;
        for (int i = 0; i < layers.size(); i++) {
            offset[i] = n;
            Layer l = layers.get(i);
            if (l instanceof Dense d) {
                n += d.in() * d.out() + d.out();
                in = in < 0 ? d.in() : in;
                out = d.out();
            } else if (l instanceof BatchNorm b) {
                n += 2 * b.n();
            }
            double[] mean = l instanceof BatchNorm b ? new double[b.n()] : null;
            double[] var = null;
            if (l instanceof BatchNorm b) {
                var = new double[b.n()];
                java.util.Arrays.fill(var, 1.0);       // PyTorch: running_mean 0, running_var 1
            }
            runningMean.add(mean);
            runningVar.add(var);
        }
        size = n;
        nIn = in;
        nOut = out;
    }

    static double activate(String a, double x) {
        return switch (a) {
            case "identity" -> x;
            case "tanh" -> Math.tanh(x);
            case "sigmoid" -> 1 / (1 + Math.exp(-x));
            case "relu" -> Math.max(0, x);
            case "leakyRelu" -> x > 0 ? x : 0.01 * x;                       // nn.LeakyReLU() slope 0.01
            case "elu" -> x > 0 ? x : Math.expm1(x);                          // nn.ELU() alpha 1
            case "selu" -> 1.0507009873554804934193349852946
                    * (x > 0 ? x : 1.6732632423543772848170429916717 * Math.expm1(x));
            case "softplus" -> Math.log1p(Math.exp(x));
            case "gelu" -> x * 0.5 * (1 + erf(x / Math.sqrt(2)));             // nn.GELU(), exact
            case "swish" -> x / (1 + Math.exp(-x));                           // nn.SiLU()
            default -> throw new IllegalArgumentException(a);
        };
    }

    /** erf by Simpson's rule on 2/√π·exp(-t²) over [0, x] (4000 intervals: error < 1e-13 for |x| < 10). */
    static double erf(double x) {
        int n = 4000;
        double h = x / n;
        double s = 1 + Math.exp(-x * x);
        for (int i = 1; i < n; i++) {
            double t = i * h;
            s += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
        }
        return 2 / Math.sqrt(Math.PI) * s * h / 3;
    }

    /**
     * Forward pass of {@code batch} samples ({@code x} row-major {@code batch × nIn}). In training mode batch norm
     * uses the batch statistics and, if {@code updateStats}, updates the running ones as PyTorch does.
     */
    double[] forward(double[] p, double[] x, int batch, boolean training, boolean updateStats) {
        double[] a = x.clone();
        int width = nIn;
        for (int li = 0; li < layers.size(); li++) {
            Layer l = layers.get(li);
            int o = offset[li];
            if (l instanceof Dense d) {
                double[] z = new double[batch * d.out()];
                for (int s = 0; s < batch; s++) {
                    for (int j = 0; j < d.out(); j++) {
                        double v = p[o + d.in() * d.out() + j];
                        for (int i = 0; i < d.in(); i++) {
                            v += p[o + j * d.in() + i] * a[s * d.in() + i];
                        }
                        z[s * d.out() + j] = activate(d.activation(), v);
                    }
                }
                a = z;
                width = d.out();
            } else if (l instanceof BatchNorm b) {
                double[] rm = runningMean.get(li);
                double[] rv = runningVar.get(li);
                double[] z = new double[a.length];
                for (int j = 0; j < width; j++) {
                    double mean;
                    double var;
                    if (training) {
                        double s1 = 0;
                        for (int s = 0; s < batch; s++) {
                            s1 += a[s * width + j];
                        }
                        mean = s1 / batch;
                        double ss = 0;
                        for (int s = 0; s < batch; s++) {
                            double dd = a[s * width + j] - mean;
                            ss += dd * dd;
                        }
                        var = ss / batch;                                  // normalization: biased
                        if (updateStats) {
                            rm[j] = (1 - b.momentum()) * rm[j] + b.momentum() * mean;
                            rv[j] = (1 - b.momentum()) * rv[j]
                                    + b.momentum() * ss / (unbiasedRunningVar ? batch - 1 : batch);
                        }
                    } else {
                        mean = rm[j];
                        var = rv[j];
                    }
                    double gamma = p[o + j];
                    double beta = p[o + b.n() + j];
                    for (int s = 0; s < batch; s++) {
                        z[s * width + j] = gamma * (a[s * width + j] - mean) / Math.sqrt(var + b.eps()) + beta;
                    }
                }
                a = z;
            }
        }
        return a;
    }

    /** Mean over all elements of the squared (mse) or absolute (mae) error. */
    double loss(double[] p, double[] x, double[] t, int batch, boolean training, boolean updateStats) {
        double[] y = forward(p, x, batch, training, updateStats);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - t[i];
            s += "mae".equals(loss) ? Math.abs(r) : r * r;
        }
        return s / y.length;
    }

    /** The gradient of the training-mode loss by central differences (running statistics untouched). */
    double[] gradient(double[] p, double[] x, double[] t, int batch) {
        double[] g = new double[p.length];
        double[] q = p.clone();
        for (int i = 0; i < p.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(p[i]));
            q[i] = p[i] + h;
            double up = loss(q, x, t, batch, true, false);
            q[i] = p[i] - h;
            double down = loss(q, x, t, batch, true, false);
            q[i] = p[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /** {@code torch.optim} update rules (PyTorch documentation pseudo-code), one object per optimizer instance. */
    abstract static class Optimizer {
        int t;                                   // steps taken

        /** One step with rate {@code lr} (the scheduler's current value) and gradient {@code g} (modified). */
        final void step(double[] p, double[] g, double lr) {
            t++;
            update(p, g, lr);
        }

        abstract void update(double[] p, double[] g, double lr);
    }

    /** SGD: g += wd·p; b = μb + (1-τ)g (b = g at t=1); g = nesterov ? g + μb : b; p -= lr·g. */
    static final class Sgd extends Optimizer {
        final double momentum;
        final double dampening;
        final double weightDecay;
        final boolean nesterov;
        double[] b;

        Sgd(double momentum, double dampening, double weightDecay, boolean nesterov) {
            this.momentum = momentum;
            this.dampening = dampening;
            this.weightDecay = weightDecay;
            this.nesterov = nesterov;
        }

        @Override
        void update(double[] p, double[] g, double lr) {
            if (b == null) {
                b = new double[p.length];
            }
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + weightDecay * p[i];
                if (momentum != 0) {
                    b[i] = t > 1 ? momentum * b[i] + (1 - dampening) * gi : gi;
                    gi = nesterov ? gi + momentum * b[i] : b[i];
                }
                p[i] -= lr * gi;
            }
        }
    }

    /**
     * Adam (decoupled = false: g += wd·p) and AdamW (decoupled: p *= 1 - lr·wd): m = β1m + (1-β1)g,
     * v = β2v + (1-β2)g², p -= lr·(m/(1-β1^t)) / (sqrt(v/(1-β2^t)) + ε).
     */
    static final class Adam extends Optimizer {
        final double beta1;
        final double beta2;
        final double eps;
        final double weightDecay;
        final boolean decoupled;
        double[] m;
        double[] v;

        Adam(double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.decoupled = decoupled;
        }

        @Override
        void update(double[] p, double[] g, double lr) {
            if (m == null) {
                m = new double[p.length];
                v = new double[p.length];
            }
            for (int i = 0; i < p.length; i++) {
                double gi = g[i];
                if (decoupled) {
                    p[i] *= 1 - lr * weightDecay;
                } else {
                    gi += weightDecay * p[i];
                }
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
    }

    /** RMSprop (not centered): g += wd·p; v = αv + (1-α)g²; μ > 0: b = μb + g/(√v+ε), p -= lr·b; else p -= lr·g/(√v+ε). */
    static final class RmsProp extends Optimizer {
        final double alpha;
        final double eps;
        final double weightDecay;
        final double momentum;
        double[] v;
        double[] b;

        RmsProp(double alpha, double eps, double weightDecay, double momentum) {
            this.alpha = alpha;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.momentum = momentum;
        }

        @Override
        void update(double[] p, double[] g, double lr) {
            if (v == null) {
                v = new double[p.length];
                b = new double[p.length];
            }
            for (int i = 0; i < p.length; i++) {
                double gi = g[i] + weightDecay * p[i];
                v[i] = alpha * v[i] + (1 - alpha) * gi * gi;
                double avg = Math.sqrt(v[i]) + eps;
                if (momentum > 0) {
                    b[i] = momentum * b[i] + gi / avg;
                    p[i] -= lr * b[i];
                } else {
                    p[i] -= lr * gi / avg;
                }
            }
        }
    }
}
