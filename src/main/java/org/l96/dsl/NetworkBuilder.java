package org.l96.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import org.l96.spec.Defaults;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.TrainSpec;

import java.util.List;
import java.util.function.Consumer;

/**
 * {@code network('ann') { nonLocal(); layers { dense 16, relu; dense 8 }; train { epochs 50 } }}. A derived network
 * ({@code from:} or {@code continues:}) starts from a copy of its base's declaration; a {@code layers} block always
 * gives the whole layer list, a {@code train} block changes only what it says.
 */
public final class NetworkBuilder extends DslBuilder {
    private final String name;
    private String features;
    private List<LayerSpec> layers;
    private String weightInit;
    private String loss;
    private final TrainBuilder train;
    private final String continueFrom;
    private String load;
    private Origin trainAt;
    private Integer stencil;
    private Integer history;
    private Boolean previousCoupling;
    private boolean featuresGiven;

    NetworkBuilder(DslContext context, String name, NetworkSpec from, String continueFrom) {
        super(context, "networks." + name);
        this.name = name;
        features = from.features();
        layers = from.layers();
        weightInit = from.weightInit();
        loss = from.loss();
        // from: a loaded network: what the new one is trained with starts from the defaults
        train = new TrainBuilder(context, path + ".train", from.train() != null ? from.train() : TrainSpec.DEFAULT);
        this.continueFrom = continueFrom;
        stencil = from.stencil();
        history = from.history();
        previousCoupling = from.previousCoupling();
    }

    /** A fresh declaration: non-local features, no layers yet, PyTorch initialization, MSE, default training. */
    static NetworkSpec fresh() {
        return new NetworkSpec(Defaults.FEATURES.word(), List.of(), Defaults.WEIGHT_INIT.word(),
                Defaults.LOSS.word(), TrainSpec.DEFAULT, null);
    }

    @Override
    String blockName() {
        return "network '" + name + "'";
    }

    /** {@code local} or {@code non-local}. */
    public NetworkBuilder features(String features) {
        set("features", "features");
        this.features = features;
        featuresGiven = true;
        return this;
    }

    /** Each X_k predicts its own coupling term: one input, one output, K samples per time step. */
    public NetworkBuilder local() {
        set("local", "features");
        this.features = NetworkSpec.LOCAL;
        featuresGiven = true;
        return this;
    }

    /** The K-vector of X predicts the K-vector of coupling terms (the default). */
    public NetworkBuilder nonLocal() {
        set("nonLocal", "features");
        this.features = NetworkSpec.NON_LOCAL;
        featuresGiven = true;
        return this;
    }

    /**
     * Each X_k's coupling term from the stencil X_{k−n..k+n} (periodic), one set of weights shared by every k:
     * 2n + 1 inputs, 1 output, K samples per time step. Makes the network local (unless the block says
     * {@code nonLocal}, which validate refuses); {@code stencil 0} is {@code local}.
     */
    public NetworkBuilder stencil(int n) {
        set("stencil", "stencil");
        this.stencil = n;
        if (!featuresGiven) {
            this.features = NetworkSpec.LOCAL;
        }
        return this;
    }

    /**
     * The states 1..n samples earlier are inputs as well (X at t, t − Δ, …, t − nΔ; the same stencil of each for a
     * local network).
     */
    public NetworkBuilder history(int n) {
        set("history", "history");
        this.history = n;
        return this;
    }

    /** Whether the coupling term one sample earlier (of the same X_k, for a local network) is an input as well. */
    public NetworkBuilder previousCoupling(boolean on) {
        set("previousCoupling", "previousCoupling");
        this.previousCoupling = on;
        return this;
    }

    /** The whole layer list, replacing any inherited one. */
    public NetworkBuilder layers(@DelegatesTo(value = LayersBuilder.class, strategy = Closure.DELEGATE_FIRST)
                                 Closure<?> block) {
        layers = configure(newLayers(), block).toSpec();
        return this;
    }

    public NetworkBuilder layers(Consumer<LayersBuilder> block) {
        layers = configure(newLayers(), block).toSpec();
        return this;
    }

    private LayersBuilder newLayers() {
        set("layers", "layers");
        return new LayersBuilder(context, path + ".layers");
    }

    /** {@code pytorch} (PyTorch's nn.Linear default), {@code xavier} or {@code he}. */
    public NetworkBuilder weightInit(String weightInit) {
        set("weightInit", "weightInit");
        this.weightInit = weightInit;
        return this;
    }

    /** {@code mse} or {@code mae}. */
    public NetworkBuilder loss(String loss) {
        set("loss", "loss");
        this.loss = loss;
        return this;
    }

    /**
     * A network trained elsewhere: the DL4J {@code model.zip} at {@code path} (relative to the script), e.g. another
     * experiment's {@code output/<experiment>/train-<name>/model.zip}. Its layers come from the file; it is not
     * trained here (a network that {@code continues:} it is).
     */
    public NetworkBuilder load(String path) {
        Origin loadAt = set("load", "load");
        if (path == null || path.isBlank()) {
            issue("load", "load takes the path of a model.zip in quotes, e.g. load '../output/seed-notebook/"
                    + "train-ann/model.zip'", loadAt);
        } else {
            load = path;
        }
        return this;
    }

    public NetworkBuilder train(@DelegatesTo(value = TrainBuilder.class, strategy = Closure.DELEGATE_FIRST)
                                Closure<?> block) {
        trainAt = set("train", "train");
        configure(train, block);
        return this;
    }

    public NetworkBuilder train(Consumer<TrainBuilder> block) {
        trainAt = set("train", "train");
        configure(train, block);
        return this;
    }

    NetworkSpec toSpec() {
        return new NetworkSpec(features, layers, weightInit, loss, load != null && trainAt == null ? null
                : train.toSpec(), continueFrom, stencil, history, previousCoupling, load);
    }
}
