package org.l96.dsl;

/** Activation names for Java builders ({@code dense(16, RELU)}); scripts write the bare words ({@code dense 16, relu}). */
public final class Activations {
    public static final String IDENTITY = "identity";
    public static final String RELU = "relu";
    public static final String LEAKY_RELU = "leakyRelu";
    public static final String ELU = "elu";
    public static final String SELU = "selu";
    public static final String TANH = "tanh";
    public static final String SIGMOID = "sigmoid";
    public static final String SOFTPLUS = "softplus";
    public static final String GELU = "gelu";
    public static final String SWISH = "swish";

    private Activations() {
    }
}
