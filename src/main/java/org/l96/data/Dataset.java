package org.l96.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Objects;

/**
 * Input/target pairs as float32, row-major: sample {@code i} has inputs {@code inputs[i*nIn .. (i+1)*nIn)} and
 * targets {@code targets[i*nOut .. (i+1)*nOut)}. The arrays are owned by the dataset; do not modify them.
 */
public final class Dataset {
    static {
        // as org.l96.nn.Nd4jSetup: JavaCPP's per-allocation physical-memory check costs more than these arrays
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
    }

    private final float[] inputs;
    private final float[] targets;
    private final int nIn;
    private final int nOut;
    private final int size;

    public Dataset(float[] inputs, int nIn, float[] targets, int nOut) {
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.targets = Objects.requireNonNull(targets, "targets");
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("nIn and nOut must be positive, got " + nIn + ", " + nOut);
        }
        if (inputs.length % nIn != 0 || targets.length % nOut != 0
                || inputs.length / nIn != targets.length / nOut) {
            throw new IllegalArgumentException("inputs (" + inputs.length + " floats, " + nIn + " per sample) and "
                    + "targets (" + targets.length + " floats, " + nOut + " per sample) disagree on the sample count");
        }
        this.nIn = nIn;
        this.nOut = nOut;
        this.size = inputs.length / nIn;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    public int nIn() {
        return nIn;
    }

    public int nOut() {
        return nOut;
    }

    /** The inputs, row-major {@code size × nIn} (not a copy). */
    public float[] inputs() {
        return inputs;
    }

    /** The targets, row-major {@code size × nOut} (not a copy). */
    public float[] targets() {
        return targets;
    }

    /** A new FLOAT array {@code size × nIn} holding all inputs. */
    public INDArray featuresArray() {
        return Nd4j.create(inputs, new long[]{size, nIn}, DataType.FLOAT);
    }

    /** A new FLOAT array {@code size × nOut} holding all targets. */
    public INDArray labelsArray() {
        return Nd4j.create(targets, new long[]{size, nOut}, DataType.FLOAT);
    }

    /** The inputs as doubles, row-major (a new array). */
    public double[] inputsAsDouble() {
        double[] d = new double[inputs.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = inputs[i];
        }
        return d;
    }

    @Override
    public String toString() {
        return "Dataset[" + size + " samples, " + nIn + " -> " + nOut + "]";
    }
}
