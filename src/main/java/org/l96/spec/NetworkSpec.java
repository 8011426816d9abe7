package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * A network: its features (local: each X_k predicts its own coupling term, one sample per k; non-local: the
 * K-vector of X predicts the K-vector of coupling terms), its layers after the input, weight initialization, loss,
 * and training. {@code continueFrom} names a network whose trained weights and optimizer state this one starts
 * from (the notebook's "+100 epochs"); then the layers must be the same.
 *
 * <p>{@code load} (null: trained here) is the path of a DL4J {@code model.zip} trained elsewhere (another
 * experiment's {@code train-<name>/model.zip}), relative to the working directory or absolute (a script's loader
 * resolves it against the script's folder). Such a network is not trained: {@code train} is null, and its
 * layers are those of the file ({@code org.l96.run.BroughtIn} fills them in before validation).
 */
public record NetworkSpec(String features, List<LayerSpec> layers, String weightInit, String loss,
                          TrainSpec train, String continueFrom, String load) {

    public static final String LOCAL = Vocabulary.Features.LOCAL.word();
    public static final String NON_LOCAL = Vocabulary.Features.NON_LOCAL.word();

    @JsonCreator
    public NetworkSpec {
        features = features == null ? Defaults.FEATURES.word() : features;
        layers = Specs.copy(layers);
        weightInit = weightInit == null ? Defaults.WEIGHT_INIT.word() : weightInit;
        loss = loss == null ? Defaults.LOSS.word() : loss;
        train = train == null && load == null ? TrainSpec.DEFAULT : train; // a loaded network has none
    }

    /** A network trained here. */
    public NetworkSpec(String features, List<LayerSpec> layers, String weightInit, String loss, TrainSpec train,
                       String continueFrom) {
        this(features, layers, weightInit, loss, train, continueFrom, null);
    }

    /** Whether this network is loaded from a file instead of trained. */
    @JsonIgnore
    public boolean isLoaded() {
        return load != null;
    }

    /** The same network with {@code layers} (those read from its file). */
    public NetworkSpec withLayers(List<LayerSpec> layers) {
        return new NetworkSpec(features, layers, weightInit, loss, train, continueFrom, load);
    }

    /** The same network with {@code load} (a resolved path). */
    public NetworkSpec withLoad(String load) {
        return new NetworkSpec(features, layers, weightInit, loss, train, continueFrom, load);
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
