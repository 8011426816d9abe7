package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;

import org.l96.world.InputLayout;

import java.util.List;

/**
 * A network: its features (local: each X_k predicts its own coupling term, one sample per k; non-local: the
 * K-vector of X predicts the K-vector of coupling terms), its layers after the input, weight initialization, loss,
 * and training. {@code continueFrom} names a network whose trained weights and optimizer state this one starts
 * from (the notebook's "+100 epochs"); then the layers must be the same.
 * <p>
 * What the network sees ({@link InputLayout}): {@code stencil} N, a local network's X_{k−N..k+N} (null: 0, X_k
 * alone); {@code history} H, the states 1..H samples earlier as well (null: 0); {@code previousCoupling}, the
 * coupling term one sample earlier as well (null: false). Their defaults are stored as null (left out of the
 * canonical JSON): {@code stencil 0} is {@code local}, with the same stage keys.
 *
 * <p>{@code load} (null: trained here) is the path of a DL4J {@code model.zip} trained elsewhere (another
 * experiment's {@code train-<name>/model.zip}), relative to the working directory or absolute (a script's loader
 * resolves it against the script's folder). Such a network is not trained: {@code train} is null, and its
 * layers are those of the file ({@code org.l96.run.ExternalInputs} fills them in before validation).
 */
public record NetworkSpec(String features, List<LayerSpec> layers, String weightInit, String loss,
                          TrainSpec train, String continueFrom, Integer stencil, Integer history,
                          Boolean previousCoupling, String load) {

    public static final String LOCAL = Vocabulary.Features.LOCAL.word();
    public static final String NON_LOCAL = Vocabulary.Features.NON_LOCAL.word();

    @JsonCreator
    public NetworkSpec {
        features = features == null ? Defaults.FEATURES.word() : features;
        layers = Specs.copy(layers);
        weightInit = weightInit == null ? Defaults.WEIGHT_INIT.word() : weightInit;
        loss = loss == null ? Defaults.LOSS.word() : loss;
        train = train == null && load == null ? TrainSpec.DEFAULT : train; // a loaded network has none
        // the defaults are left out, so that stencil 0 is local, and a network without these words keeps its key
        stencil = stencil != null && stencil == 0 ? null : stencil;
        history = history != null && history == 0 ? null : history;
        previousCoupling = Boolean.FALSE.equals(previousCoupling) ? null : previousCoupling;
    }

    /** A network of the current state alone (no stencil, no history). */
    public NetworkSpec(String features, List<LayerSpec> layers, String weightInit, String loss, TrainSpec train,
                       String continueFrom) {
        this(features, layers, weightInit, loss, train, continueFrom, null, null, null, null);
    }

    /** A network trained here, with what it sees. */
    public NetworkSpec(String features, List<LayerSpec> layers, String weightInit, String loss, TrainSpec train,
                       String continueFrom, Integer stencil, Integer history, Boolean previousCoupling) {
        this(features, layers, weightInit, loss, train, continueFrom, stencil, history, previousCoupling, null);
    }

    /** Whether this network is loaded from a file instead of trained. */
    @JsonIgnore
    public boolean isLoaded() {
        return load != null;
    }

    /** The same network with {@code layers} (those read from its file). */
    public NetworkSpec withLayers(List<LayerSpec> layers) {
        return new NetworkSpec(features, layers, weightInit, loss, train, continueFrom, stencil, history,
                previousCoupling, load);
    }

    /** The same network with {@code load} (a resolved path). */
    public NetworkSpec withLoad(String load) {
        return new NetworkSpec(features, layers, weightInit, loss, train, continueFrom, stencil, history,
                previousCoupling, load);
    }

    /** The same network with another stencil, history and previous-coupling input (nulls: the defaults). */
    public NetworkSpec withInputs(Integer stencil, Integer history, Boolean previousCoupling) {
        return new NetworkSpec(features, layers, weightInit, loss, train, continueFrom, stencil, history,
                previousCoupling, load);
    }

    /** The same network trained as {@code train} says. */
    public NetworkSpec withTrain(TrainSpec train) {
        return new NetworkSpec(features, layers, weightInit, loss, train, continueFrom, stencil, history,
                previousCoupling);
    }

    /** N of the stencil X_{k−N..k+N} (0 when not given). */
    @JsonIgnore
    public int stencilWidth() {
        return stencil == null ? 0 : stencil;
    }

    /** H, the earlier states seen (0 when not given). */
    @JsonIgnore
    public int historyLength() {
        return history == null ? 0 : history;
    }

    /** Whether the coupling term one sample earlier is an input. */
    @JsonIgnore
    public boolean seesPreviousCoupling() {
        return Boolean.TRUE.equals(previousCoupling);
    }

    /** What a validated network sees, in which order. */
    @JsonIgnore
    public InputLayout inputLayout() {
        return new InputLayout(isLocal(), isLocal() ? stencilWidth() : 0, historyLength(), seesPreviousCoupling());
    }

    /**
     * The earliest sample a run of this network in the coarse model can start from: its history must lie in the
     * truth, and the coupling term of sample 0 is a placeholder (zeros, the notebook's convention), so a network
     * that sees the previous coupling term starts at sample 2 or later.
     */
    @JsonIgnore
    public int firstStartRow() {
        return Math.max(historyLength(), seesPreviousCoupling() ? 2 : 0);
    }

    /** Whether the network sees anything but the current X_k (local) or X (non-local). */
    @JsonIgnore
    public boolean hasExtraInputs() {
        return stencilWidth() > 0 || historyLength() > 0 || seesPreviousCoupling();
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
