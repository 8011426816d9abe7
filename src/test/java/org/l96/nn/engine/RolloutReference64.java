package org.l96.nn.engine;

import org.l96.nn.Activations;
import org.l96.world.CoarseModel;
import org.l96.world.Integrator;
import org.l96.world.Parameterization;

import java.util.Arrays;

/**
 * Float64 references for the rollout gradient, independent of {@link RolloutGradient}'s hand-derived adjoint:
 * <ul>
 *   <li>{@link #lossAndGradient}: the window loss written as plain forward code over scalar nodes of a small
 *   reverse-mode automatic differentiation tape (each node records its operands and local partial derivatives; the
 *   gradient is one sweep backwards over the tape), so the chain rule is applied mechanically, not derived;</li>
 *   <li>{@link #loss}: the same loss from the project's own coarse model ({@link CoarseModel#run} with
 *   {@link Integrator}'s steppers) with the network evaluated in double — what central differences are taken of.</li>
 * </ul>
 * The network is read from a {@link FloatMlp}'s layer structure (dense layers, DL4J's flat layout) with double
 * parameters.
 */
final class RolloutReference64 {
    private final FloatMlp shape;
    private final boolean local;
    private final int k;
    private final double dt;
    private final double forcing;
    private final Integrator integrator;

    RolloutReference64(FloatMlp shape, RolloutSetup setup, int k) {
        this.shape = shape;
        this.local = setup.local();
        this.k = k;
        this.dt = setup.dt();
        this.forcing = setup.forcing();
        this.integrator = setup.integrator();
    }

    // ---- the network in double

    double[] net(double[] p, double[] in) {
        double[] x = in;
        for (int l = 0; l < shape.layers; l++) {
            if (shape.kind[l] != FloatMlp.DENSE) {
                continue;
            }
            int ni = shape.nIn[l];
            int no = shape.nOut[l];
            double[] y = new double[no];
            for (int o = 0; o < no; o++) {
                double z = p[shape.bOff[l] + o];
                for (int i = 0; i < ni; i++) {
                    z += p[shape.wOff[l] + o * ni + i] * x[i];
                }
                y[o] = value(shape.activation[l], z);
            }
            x = y;
        }
        return x;
    }

    /** The mean window loss from {@link CoarseModel#run} (the project's steppers) with the double network. */
    double loss(double[] p, RolloutWindows w) {
        Parameterization closure = (x, members, kk, out) -> {
            for (int m = 0; m < members; m++) {
                if (local) {
                    for (int i = 0; i < kk; i++) {
                        out[m * kk + i] = net(p, new double[]{x[m * kk + i]})[0];
                    }
                } else {
                    double[] y = net(p, Arrays.copyOfRange(x, m * kk, (m + 1) * kk));
                    System.arraycopy(y, 0, out, m * kk, kk);
                }
            }
        };
        CoarseModel model = new CoarseModel(forcing, closure);
        double total = 0;
        for (int win = 0; win < w.count(); win++) {
            double[] x0 = new double[k];
            for (int i = 0; i < k; i++) {
                x0[i] = w.truth()[w.offset(win) + i];
            }
            double[] hist = model.run(x0, dt, w.steps(), integrator);
            for (int j = k; j < hist.length; j++) {
                double e = hist[j] - w.truth()[w.offset(win) + j];
                total += e * e;
            }
        }
        return total / ((double) w.count() * w.steps() * k);
    }

    /** Central differences of {@link #loss} at step h·max(1, |p_j|) per parameter. */
    double[] finiteDifferences(double[] p, RolloutWindows w, double h) {
        double[] g = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            double step = h * Math.max(1, Math.abs(p[j]));
            double keep = p[j];
            p[j] = keep + step;
            double up = loss(p, w);
            p[j] = keep - step;
            double down = loss(p, w);
            p[j] = keep;
            g[j] = (up - down) / (2 * step);
        }
        return g;
    }

    // ---- reverse-mode automatic differentiation over scalars

    private static final class Tape {
        double[] val = new double[1 << 12];
        double[] da = new double[1 << 12];
        double[] db = new double[1 << 12];
        int[] a = new int[1 << 12];
        int[] b = new int[1 << 12];
        int size;

        int node(double v, int x, double dx, int y, double dy) {
            if (size == val.length) {
                int n = size * 2;
                val = Arrays.copyOf(val, n);
                da = Arrays.copyOf(da, n);
                db = Arrays.copyOf(db, n);
                a = Arrays.copyOf(a, n);
                b = Arrays.copyOf(b, n);
            }
            val[size] = v;
            a[size] = x;
            da[size] = dx;
            b[size] = y;
            db[size] = dy;
            return size++;
        }

        int leaf(double v) {
            return node(v, -1, 0, -1, 0);
        }

        int add(int x, int y) {
            return node(val[x] + val[y], x, 1, y, 1);
        }

        int sub(int x, int y) {
            return node(val[x] - val[y], x, 1, y, -1);
        }

        int mul(int x, int y) {
            return node(val[x] * val[y], x, val[y], y, val[x]);
        }

        int scale(int x, double c) {
            return node(val[x] * c, x, c, -1, 0);
        }

        int plus(int x, double c) {
            return node(val[x] + c, x, 1, -1, 0);
        }

        int activation(int x, int code) {
            double z = val[x];
            return node(value(code, z), x, derivative(code, z), -1, 0);
        }

        double[] gradient(int out) {
            double[] g = new double[size];
            g[out] = 1;
            for (int n = out; n >= 0; n--) {
                if (g[n] == 0) {
                    continue;
                }
                if (a[n] >= 0) {
                    g[a[n]] += g[n] * da[n];
                }
                if (b[n] >= 0) {
                    g[b[n]] += g[n] * db[n];
                }
            }
            return g;
        }
    }

    record Result(double loss, double[] gradient) {
    }

    /** The mean window loss and its gradient with respect to {@code p}, by automatic differentiation. */
    Result lossAndGradient(double[] p, RolloutWindows w) {
        Tape t = new Tape();
        int[] param = new int[p.length];
        for (int j = 0; j < p.length; j++) {
            param[j] = t.leaf(p[j]);
        }
        double[] a;
        double[] b;
        switch (integrator) {
            case EULER -> {
                a = new double[]{0};
                b = new double[]{1};
            }
            case RK2 -> {
                a = new double[]{0, 0.5};
                b = new double[]{0, 1};
            }
            default -> {
                a = new double[]{0, 0.5, 0.5, 1};
                b = new double[]{1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0};
            }
        }
        int total = t.leaf(0);
        for (int win = 0; win < w.count(); win++) {
            int[] x = new int[k];
            for (int i = 0; i < k; i++) {
                x[i] = t.leaf(w.truth()[w.offset(win) + i]);
            }
            for (int s = 1; s <= w.steps(); s++) {
                int[][] kr = new int[a.length][];
                for (int r = 0; r < a.length; r++) {
                    int[] in = new int[k];
                    for (int i = 0; i < k; i++) {
                        in[i] = r == 0 ? x[i] : t.add(x[i], t.scale(kr[r - 1][i], dt * a[r]));
                    }
                    kr[r] = f(t, param, in);
                }
                int[] next = new int[k];
                for (int i = 0; i < k; i++) {
                    int sum = x[i];
                    for (int r = 0; r < a.length; r++) {
                        sum = t.add(sum, t.scale(kr[r][i], dt * b[r]));
                    }
                    next[i] = sum;
                    int e = t.plus(sum, -w.truth()[w.offset(win) + s * k + i]);
                    total = t.add(total, t.mul(e, e));
                }
                x = next;
            }
        }
        int loss = t.scale(total, 1.0 / ((double) w.count() * w.steps() * k));
        double[] g = t.gradient(loss);
        double[] grad = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            grad[j] = g[param[j]];
        }
        return new Result(t.val[loss], grad);
    }

    /** Nodes of f(X) = L96(X; F) + P(X). */
    private int[] f(Tape t, int[] param, int[] x) {
        int[] p;
        if (local) {
            p = new int[k];
            for (int i = 0; i < k; i++) {
                p[i] = netNodes(t, param, new int[]{x[i]})[0];
            }
        } else {
            p = netNodes(t, param, x);
        }
        int[] y = new int[k];
        for (int i = 0; i < k; i++) {
            int l96 = t.plus(t.sub(t.mul(x[(i + k - 1) % k], t.sub(x[(i + 1) % k], x[(i + k - 2) % k])), x[i]),
                    forcing);
            y[i] = t.add(l96, p[i]);
        }
        return y;
    }

    private int[] netNodes(Tape t, int[] param, int[] in) {
        int[] x = in;
        for (int l = 0; l < shape.layers; l++) {
            if (shape.kind[l] != FloatMlp.DENSE) {
                continue;
            }
            int ni = shape.nIn[l];
            int no = shape.nOut[l];
            int[] y = new int[no];
            for (int o = 0; o < no; o++) {
                int z = param[shape.bOff[l] + o];
                for (int i = 0; i < ni; i++) {
                    z = t.add(z, t.mul(param[shape.wOff[l] + o * ni + i], x[i]));
                }
                y[o] = t.activation(z, shape.activation[l]);
            }
            x = y;
        }
        return x;
    }

    // ---- activations in double, with their derivatives written out here

    static double value(int code, double z) {
        return switch (code) {
            case Activations.IDENTITY -> z;
            case Activations.RELU -> Math.max(z, 0);
            case Activations.LEAKY_RELU -> z > 0 ? z : Activations.LEAKY_SLOPE * z;
            case Activations.ELU -> z > 0 ? z : Math.expm1(z);
            case Activations.SELU -> Activations.SELU_SCALE * (z > 0 ? z : Activations.SELU_ALPHA * Math.expm1(z));
            case Activations.TANH -> Math.tanh(z);
            case Activations.SIGMOID -> 1 / (1 + Math.exp(-z));
            case Activations.SOFTPLUS -> Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0);
            case Activations.GELU -> 0.5 * z * (1 + Activations.erf(z / Math.sqrt(2)));
            case Activations.SWISH -> z / (1 + Math.exp(-z));
            default -> throw new IllegalArgumentException("activation " + code);
        };
    }

    static double derivative(int code, double z) {
        double s = 1 / (1 + Math.exp(-z));
        return switch (code) {
            case Activations.IDENTITY -> 1;
            case Activations.RELU -> z > 0 ? 1 : 0;
            case Activations.LEAKY_RELU -> z > 0 ? 1 : Activations.LEAKY_SLOPE;
            case Activations.ELU -> z > 0 ? 1 : Math.exp(z);
            case Activations.SELU -> Activations.SELU_SCALE * (z > 0 ? 1 : Activations.SELU_ALPHA * Math.exp(z));
            case Activations.TANH -> 1 - Math.tanh(z) * Math.tanh(z);
            case Activations.SIGMOID -> s * (1 - s);
            case Activations.SOFTPLUS -> s;
            case Activations.GELU -> 0.5 * (1 + Activations.erf(z / Math.sqrt(2)))
                    + z * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            case Activations.SWISH -> s + z * s * (1 - s);
            default -> throw new IllegalArgumentException("activation " + code);
        };
    }
}
