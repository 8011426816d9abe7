package org.l96.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.l96.spec.NetworkSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A trained DL4J network with its spec, history and metrics. The network keeps its optimizer state and iteration
 * counter, so it can be trained further ({@link Trainer#train} with {@code continueFrom}) and saved with them.
 * {@code history} and {@code metrics} are null for a network loaded from a file without them.
 */
public final class TrainedNetwork {
    static {
        Nd4jSetup.configure();
    }

    private final String name;
    private final NetworkSpec spec;
    private final MultiLayerNetwork network;
    private final History history;
    private final Metrics metrics;

    public TrainedNetwork(String name, NetworkSpec spec, MultiLayerNetwork network, History history,
                          Metrics metrics) {
        this.name = name;
        this.spec = spec;
        this.network = Objects.requireNonNull(network, "network");
        this.history = history;
        this.metrics = metrics;
    }

    public String name() {
        return name;
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** The DL4J network (shared, not a copy). */
    public MultiLayerNetwork network() {
        return network;
    }

    public History history() {
        return history;
    }

    public Metrics metrics() {
        return metrics;
    }

    public int nIn() {
        return (int) network.layerInputSize(0);
    }

    public int nOut() {
        return (int) network.layerSize(network.getnLayers() - 1);
    }

    /** Trainable parameters. */
    public long parameters() {
        return network.numParams();
    }

    /** Whether every parameter (weights, biases, batch-norm statistics) is finite: false after a divergence. */
    public boolean hasFiniteWeights() {
        for (double v : network.params().toDoubleVector()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A plain-Java forward pass over the current weights (a new instance with its own scratch; give each thread its
     * own).
     */
    public DenseForward forward() {
        return DenseForward.of(network);
    }

    /** The network's output (evaluation mode) for {@code batch × nIn} inputs, as doubles. */
    public double[] predict(double[] inputs, int batch) {
        INDArray in = Nd4j.create(inputs, new long[]{batch, nIn()}, 'c').castTo(DataType.FLOAT);
        INDArray out = network.output(in, false);
        return out.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Saves the network with its optimizer state (DL4J zip). */
    public void save(Path zip) throws IOException {
        ModelSerializer.writeModel(network, zip.toFile(), true);
    }

    /** Writes {@code history.json}. */
    public void writeHistory(Path file) throws IOException {
        if (history == null) {
            throw new IllegalStateException("network '" + name + "' has no history");
        }
        history.write(file);
    }

    /** Writes the metrics as JSON. */
    public void writeMetrics(Path file) throws IOException {
        if (metrics == null) {
            throw new IllegalStateException("network '" + name + "' has no metrics");
        }
        metrics.write(file);
    }

    /** Loads a DL4J network saved by {@link #save}, with its optimizer state. */
    public static MultiLayerNetwork loadNetwork(Path zip) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
    }

    /**
     * The polynomial P(X) = w·X + b of a saved local linear network (one dense 1→1 layer) as {w, b}: highest power
     * first, as polynomial coefficients are given (the seed's {@code polyval} order).
     */
    public static double[] linearCoefficients(Path zip) throws IOException {
        MultiLayerNetwork linear = loadNetwork(zip);
        // DL4J names the first layer's weight matrix and bias "0_W" and "0_b"
        return new double[]{linear.getParam("0_W").getDouble(0), linear.getParam("0_b").getDouble(0)};
    }

    /**
     * Loads a saved network; {@code historyJson} and {@code metricsJson} may be null (then so are the history and
     * metrics).
     */
    public static TrainedNetwork load(String name, NetworkSpec spec, Path zip, Path historyJson, Path metricsJson)
            throws IOException {
        return new TrainedNetwork(name, spec, loadNetwork(zip),
                historyJson == null ? null : History.read(historyJson),
                metricsJson == null ? null : Metrics.read(metricsJson));
    }

    @Override
    public String toString() {
        return "TrainedNetwork[" + name + ", " + parameters() + " parameters"
                + (metrics != null ? ", " + metrics : "") + "]";
    }
}
