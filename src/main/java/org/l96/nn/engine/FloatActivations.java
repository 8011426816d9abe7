package org.l96.nn.engine;

import org.l96.nn.Activations;

/**
 * The activations of {@link Activations} (by code) and their derivatives over float rows, for training. Each value
 * is computed in double and rounded to float (ND4J computes these in float; both agree to float rounding). ReLU,
 * leaky ReLU and identity are branch-free loops; the others call {@code Math.exp}/{@code tanh} per element.
 */
final class FloatActivations {
    private FloatActivations() {
    }

    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final float LEAKY = (float) Activations.LEAKY_SLOPE;

    /** {@code a[0..n) = f(z[0..n))}. */
    static void forward(int code, int n, float[] z, float[] a) {
        switch (code) {
            case Activations.IDENTITY -> System.arraycopy(z, 0, a, 0, n);
            case Activations.RELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = Math.max(z[i], 0f);
                }
            }
            case Activations.LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    float v = z[i];
                    a[i] = v > 0 ? v : LEAKY * v;
                }
            }
            case Activations.ELU -> {
                for (int i = 0; i < n; i++) {
                    float v = z[i];
                    a[i] = v > 0 ? v : (float) Math.expm1(v);
                }
            }
            case Activations.SELU -> {
                for (int i = 0; i < n; i++) {
                    double v = z[i];
                    a[i] = (float) (v > 0 ? Activations.SELU_SCALE * v
                            : Activations.SELU_SCALE * Activations.SELU_ALPHA * Math.expm1(v));
                }
            }
            case Activations.TANH -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (float) Math.tanh(z[i]);
                }
            }
            case Activations.SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (float) Activations.sigmoid(z[i]);
                }
            }
            case Activations.SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    double x = z[i];
                    a[i] = (float) (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
                }
            }
            case Activations.GELU -> {
                for (int i = 0; i < n; i++) {
                    double x = z[i];
                    a[i] = (float) (0.5 * x * (1 + Activations.erf(x * INV_SQRT2)));
                }
            }
            case Activations.SWISH -> {
                for (int i = 0; i < n; i++) {
                    double x = z[i];
                    a[i] = (float) (x * Activations.sigmoid(x));
                }
            }
            default -> throw new IllegalArgumentException("activation code " + code);
        }
    }

    /** {@code d[0..n) *= f'(z)}, given the pre-activations {@code z} and the activations {@code a = f(z)}. */
    static void backward(int code, int n, float[] z, float[] a, float[] d) {
        switch (code) {
            case Activations.IDENTITY -> {
            }
            case Activations.RELU -> {
                // the indicator [a > 0] as min(a·2^254, 1), which C2 vectorizes and the conditional it replaces it
                // does not (see RolloutGradient.reluBackward); equal to it for every finite d
                for (int i = 0; i < n; i++) {
                    d[i] *= Math.min(a[i] * 0x1p127f * 0x1p127f, 1f);
                }
            }
            case Activations.LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    d[i] = z[i] > 0 ? d[i] : LEAKY * d[i];
                }
            }
            case Activations.ELU -> {
                for (int i = 0; i < n; i++) {
                    float v = z[i];
                    d[i] = v > 0 ? d[i] : (float) (d[i] * Math.exp(v));
                }
            }
            case Activations.SELU -> {
                for (int i = 0; i < n; i++) {
                    double v = z[i];
                    d[i] = (float) (d[i] * (v > 0 ? Activations.SELU_SCALE
                            : Activations.SELU_SCALE * Activations.SELU_ALPHA * Math.exp(v)));
                }
            }
            case Activations.TANH -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= 1 - a[i] * a[i];
                }
            }
            case Activations.SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= a[i] * (1 - a[i]);
                }
            }
            case Activations.SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    d[i] = (float) (d[i] * Activations.sigmoid(z[i]));
                }
            }
            case Activations.GELU -> {
                for (int i = 0; i < n; i++) {
                    double x = z[i];
                    double cdf = 0.5 * (1 + Activations.erf(x * INV_SQRT2));
                    double pdf = Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
                    d[i] = (float) (d[i] * (cdf + x * pdf));
                }
            }
            case Activations.SWISH -> {
                for (int i = 0; i < n; i++) {
                    double x = z[i];
                    double s = Activations.sigmoid(x);
                    d[i] = (float) (d[i] * (s + x * s * (1 - s)));
                }
            }
            default -> throw new IllegalArgumentException("activation code " + code);
        }
    }
}
