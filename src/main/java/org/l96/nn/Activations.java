package org.l96.nn;

import org.l96.nn.dl4j.ExactGelu;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The spec's activation words ({@link org.l96.spec.Vocabulary#ACTIVATIONS}) as DL4J activations with PyTorch's
 * default constants (leaky ReLU slope 0.01, ELU alpha 1, SELU's fixed constants, softplus beta 1, exact erf GELU,
 * swish = SiLU), and the same functions in plain double precision for {@link DenseForward}.
 */
public final class Activations {
    private Activations() {
    }

    public static final double LEAKY_SLOPE = 0.01;
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;

    /** Activation codes, in the order of the vocabulary. */
    public static final int IDENTITY = 0, RELU = 1, LEAKY_RELU = 2, ELU = 3, SELU = 4, TANH = 5, SIGMOID = 6,
            SOFTPLUS = 7, GELU = 8, SWISH = 9;

    public static IActivation dl4j(String name) {
        return switch (org.l96.spec.Vocabulary.of(org.l96.spec.Vocabulary.Activation.class, name)) {
            case IDENTITY -> new ActivationIdentity();
            case RELU -> new ActivationReLU();
            case LEAKY_RELU -> new ActivationLReLU(LEAKY_SLOPE);
            case ELU -> new ActivationELU(1.0);
            case SELU -> new ActivationSELU();
            case TANH -> new ActivationTanH();
            case SIGMOID -> new ActivationSigmoid();
            case SOFTPLUS -> new ActivationSoftPlus();
            case GELU -> new ExactGelu();
            case SWISH -> new ActivationSwish();
        };
    }

    /** The code of a DL4J activation built by {@link #dl4j}, for the plain-Java forward pass. */
    public static int code(IActivation a) {
        if (a instanceof ActivationIdentity) {
            return IDENTITY;
        } else if (a instanceof ActivationReLU r) {
            return RELU;
        } else if (a instanceof ActivationLReLU l) {
            if (l.getAlpha() != LEAKY_SLOPE) {
                throw new IllegalArgumentException("leaky ReLU slope " + l.getAlpha() + " is not supported");
            }
            return LEAKY_RELU;
        } else if (a instanceof ActivationELU e) {
            if (e.getAlpha() != 1.0) {
                throw new IllegalArgumentException("ELU alpha " + e.getAlpha() + " is not supported");
            }
            return ELU;
        } else if (a instanceof ActivationSELU) {
            return SELU;
        } else if (a instanceof ActivationTanH) {
            return TANH;
        } else if (a instanceof ActivationSigmoid) {
            return SIGMOID;
        } else if (a instanceof ActivationSoftPlus) {
            return SOFTPLUS;
        } else if (a instanceof ExactGelu) {
            return GELU;
        } else if (a instanceof ActivationSwish) {
            return SWISH;
        }
        throw new IllegalArgumentException("activation " + a + " has no plain-Java implementation");
    }

    /** Applies activation {@code code} in place to {@code v[from .. to)}. */
    static void apply(int code, double[] v, int from, int to) {
        switch (code) {
            case IDENTITY -> {
            }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    if (v[i] < 0) {
                        v[i] = 0;
                    }
                }
            }
            case LEAKY_RELU -> {
                for (int i = from; i < to; i++) {
                    if (v[i] < 0) {
                        v[i] *= LEAKY_SLOPE;
                    }
                }
            }
            case ELU -> {
                for (int i = from; i < to; i++) {
                    if (v[i] < 0) {
                        v[i] = Math.expm1(v[i]);
                    }
                }
            }
            case SELU -> {
                for (int i = from; i < to; i++) {
                    v[i] = v[i] > 0 ? SELU_SCALE * v[i] : SELU_SCALE * SELU_ALPHA * Math.expm1(v[i]);
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    v[i] = Math.tanh(v[i]);
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    v[i] = sigmoid(v[i]);
                }
            }
            case SOFTPLUS -> {
                for (int i = from; i < to; i++) {
                    double x = v[i];
                    v[i] = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
                }
            }
            case GELU -> {
                for (int i = from; i < to; i++) {
                    v[i] = 0.5 * v[i] * (1 + erf(v[i] / Math.sqrt(2)));
                }
            }
            case SWISH -> {
                for (int i = from; i < to; i++) {
                    v[i] = v[i] * sigmoid(v[i]);
                }
            }
            default -> throw new IllegalArgumentException("activation code " + code);
        }
    }

    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * The error function to about 1e-15 (absolute): Maclaurin series for |x| < 2.5, the continued fraction of erfc
     * beyond.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < 2.5) {
            double x2 = x * x;
            double term = x;
            double sum = x;
            for (int n = 1; n < 80; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        if (ax > 6) {
            return Math.signum(x);
        }
        // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
        double f = ax;
        for (int n = 60; n >= 1; n--) {
            f = ax + (n / 2.0) / f;
        }
        double erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        return Math.signum(x) * (1 - erfc);
    }

    /** An activation as a function of one value, computed as the plain-Java forward pass does (for charts). */
    public static java.util.function.DoubleUnaryOperator function(String name) {
        int code = org.l96.spec.Vocabulary.ACTIVATIONS.indexOf(name);
        if (code < 0) {
            throw new IllegalArgumentException("unknown activation '" + name + "'");
        }
        return x -> {
            double[] v = {x};
            apply(code, v, 0, 1);
            return v[0];
        };
    }
}
