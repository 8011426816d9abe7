package org.l96.dsl;

import org.l96.spec.Vocabulary.Activation;

/**
 * Activation names for Java builders ({@code dense(16, RELU)}); scripts write the bare words ({@code dense 16, relu}).
 * The words are the spec vocabulary's ({@link Activation}).
 */
public final class Activations {
    public static final String IDENTITY = Activation.IDENTITY.word();
    public static final String RELU = Activation.RELU.word();
    public static final String LEAKY_RELU = Activation.LEAKY_RELU.word();
    public static final String ELU = Activation.ELU.word();
    public static final String SELU = Activation.SELU.word();
    public static final String TANH = Activation.TANH.word();
    public static final String SIGMOID = Activation.SIGMOID.word();
    public static final String SOFTPLUS = Activation.SOFTPLUS.word();
    public static final String GELU = Activation.GELU.word();
    public static final String SWISH = Activation.SWISH.word();

    private Activations() {
    }
}
