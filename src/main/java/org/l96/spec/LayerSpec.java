package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One layer after the input. Dropout rates use PyTorch's meaning: the probability of dropping a unit. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LayerSpec.Dense.class, name = "dense"),
        @JsonSubTypes.Type(value = LayerSpec.Dropout.class, name = "dropout"),
        @JsonSubTypes.Type(value = LayerSpec.BatchNorm.class, name = "batchNorm")})
public sealed interface LayerSpec {

    /** Layers as a script writes them, for messages: {@code dense 16, relu; dropout 0.2; batchNorm(); dense 8}. */
    static String words(java.util.List<LayerSpec> layers) {
        java.util.List<String> w = new java.util.ArrayList<>();
        for (LayerSpec l : layers) {
            if (l instanceof Dense d) {
                w.add("dense " + d.units() + (Defaults.DENSE_ACTIVATION.equals(d.activation()) ? ""
                        : ", " + d.activation()));
            } else if (l instanceof Dropout d) {
                w.add("dropout " + d.rate());
            } else if (l instanceof BatchNorm b) {
                w.add(b.momentum() == Defaults.BATCH_NORM_MOMENTUM && b.epsilon() == Defaults.BATCH_NORM_EPSILON
                        ? "batchNorm()" : "batchNorm momentum: " + b.momentum() + ", epsilon: " + b.epsilon());
            }
        }
        return String.join("; ", w);
    }

    /** A fully connected layer with {@code units} outputs and an activation (identity, relu, tanh, …). */
    record Dense(int units, String activation) implements LayerSpec {
        public Dense {
            activation = activation == null ? Defaults.DENSE_ACTIVATION : activation;
        }

        /** The activation of a validated spec. */
        @JsonIgnore
        public Vocabulary.Activation activationKind() {
            return Vocabulary.of(Vocabulary.Activation.class, activation);
        }
    }

    /** Drops each unit with probability {@code rate} in training, none in evaluation. */
    record Dropout(double rate) implements LayerSpec {
    }

    /** Batch normalization over the previous layer's outputs (running statistics in evaluation). */
    record BatchNorm(double momentum, double epsilon) implements LayerSpec {
    }
}
