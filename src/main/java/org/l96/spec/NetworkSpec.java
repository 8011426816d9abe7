package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * A network: its features (local: each X_k predicts its own coupling term, one sample per k; non-local: the
 * K-vector of X predicts the K-vector of coupling terms), its layers after the input, weight initialization, loss,
 * and training. {@code continueFrom} names a network whose trained weights and optimizer state this one starts
 * from (the notebook's "+100 epochs"); then the layers must be the same.
 */
public record NetworkSpec(String features, List<LayerSpec> layers, String weightInit, String loss,
                          TrainSpec train, String continueFrom) {

    public static final String LOCAL = Vocabulary.Features.LOCAL.word();
    public static final String NON_LOCAL = Vocabulary.Features.NON_LOCAL.word();

    public NetworkSpec {
        features = features == null ? Defaults.FEATURES.word() : features;
        layers = Specs.copy(layers);
        weightInit = weightInit == null ? Defaults.WEIGHT_INIT.word() : weightInit;
        loss = loss == null ? Defaults.LOSS.word() : loss;
        train = train == null ? TrainSpec.DEFAULT : train;
    }

    @JsonIgnore
    public boolean isLocal() {
        return LOCAL.equals(features);
    }

    /** The features of a validated spec. */
    @JsonIgnore
    public Vocabulary.Features featuresKind() {
        return Vocabulary.of(Vocabulary.Features.class, features);
    }

    /** The weight initialization of a validated spec. */
    @JsonIgnore
    public Vocabulary.WeightInit weightInitKind() {
        return Vocabulary.of(Vocabulary.WeightInit.class, weightInit);
    }

    /** The loss of a validated spec. */
    @JsonIgnore
    public Vocabulary.Loss lossKind() {
        return Vocabulary.of(Vocabulary.Loss.class, loss);
    }
}
