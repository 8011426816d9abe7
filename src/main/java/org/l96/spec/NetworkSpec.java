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

    public static final String LOCAL = "local";
    public static final String NON_LOCAL = "non-local";

    public NetworkSpec {
        features = features == null ? NON_LOCAL : features;
        layers = Specs.copy(layers);
        weightInit = weightInit == null ? "pytorch" : weightInit;
        loss = loss == null ? "mse" : loss;
        train = train == null ? TrainSpec.DEFAULT : train;
    }

    @JsonIgnore
    public boolean isLocal() {
        return LOCAL.equals(features);
    }
}
