package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.LayerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code layers { dense 16, relu; dropout 0.2; dense 8 }}: the layers after the input, in order. Bare activation
 * words ({@code relu}, {@code tanh}, …) stand for their names here.
 */
public final class LayersBuilder extends DslBuilder {
    /** PyTorch's BatchNorm1d defaults. */
    public static final double BATCH_NORM_MOMENTUM = Defaults.BATCH_NORM_MOMENTUM;
    public static final double BATCH_NORM_EPSILON = Defaults.BATCH_NORM_EPSILON;

    private final List<LayerSpec> layers = new ArrayList<>();

    LayersBuilder(DslContext context, String path) {
        super(context, path);
    }

    @Override
    String blockName() {
        return "layers";
    }

    @Override
    boolean takesActivationWords() {
        return true;
    }

    @Override
    String usage(String word) {
        return switch (word) {
            case "dense" -> "a number of units and optionally an activation (dense 16, relu)";
            case "dropout" -> "a rate, the probability of dropping a unit (dropout 0.2)";
            default -> null;
        };
    }

    private LayersBuilder add(String word, LayerSpec layer) {
        context.record(path + "." + layers.size(), here(word));
        layers.add(layer);
        return this;
    }

    /** A fully connected layer with {@code units} outputs and no activation (identity). */
    public LayersBuilder dense(int units) {
        return add("dense", new LayerSpec.Dense(units, Defaults.DENSE_ACTIVATION));
    }

    /** A fully connected layer with {@code units} outputs and an activation such as {@code relu}. */
    public LayersBuilder dense(int units, String activation) {
        return add("dense", new LayerSpec.Dense(units, activation));
    }

    /** Drop each unit with probability {@code rate} while training (PyTorch's meaning). */
    public LayersBuilder dropout(double rate) {
        return add("dropout", new LayerSpec.Dropout(rate));
    }

    /** Batch normalization with PyTorch's momentum 0.1 and epsilon 1e-5. */
    public LayersBuilder batchNorm() {
        return add("batchNorm", new LayerSpec.BatchNorm(BATCH_NORM_MOMENTUM, BATCH_NORM_EPSILON));
    }

    /** {@code batchNorm momentum: 0.01, epsilon: 1e-3}. */
    public LayersBuilder batchNorm(Map<String, ?> options) {
        Options o = new Options(this, "batchNorm", options, here("batchNorm"), List.of("momentum", "epsilon"));
        context.record(path + "." + layers.size(), o.at());
        layers.add(new LayerSpec.BatchNorm(o.number("momentum", BATCH_NORM_MOMENTUM),
                o.number("epsilon", BATCH_NORM_EPSILON)));
        return this;
    }

    /** Batch normalization with the given running-average momentum and epsilon. */
    public LayersBuilder batchNorm(double momentum, double epsilon) {
        return add("batchNorm", new LayerSpec.BatchNorm(momentum, epsilon));
    }

    List<LayerSpec> toSpec() {
        return List.copyOf(layers);
    }
}
