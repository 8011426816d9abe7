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
