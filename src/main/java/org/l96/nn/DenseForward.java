package org.l96.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Inference in plain Java (double precision) over a trained network's weights: dense layers with the spec's
 * activations, dropout off, batch normalization with its running statistics. No ND4J call per use, so it costs
 * about a microsecond per sample for the notebook's 8-16-16-8 network where {@code net.output} costs hundreds
 * (fixed JNI/op overhead).
 *
 * <p>The weights are a snapshot taken at construction (immutable, shared by {@link #copy()}s); the scratch vectors
 * belong to the instance, so an instance must be confined to one thread. {@link #forward} allocates nothing.
 */
public final class DenseForward {
    static {
        Nd4jSetup.configure();
    }

    private static final int DENSE = 0, AFFINE = 1;

    private final int[] kind;
    private final int[] nIn;
    private final int[] nOut;
    private final double[][] weights;   // dense: [out][in] row-major; affine: scale per unit
    private final double[][] biases;    // dense: bias; affine: shift per unit
    private final int[] activation;
    private final int inputs;
    private final int outputs;
    private final double[] a;
    private final double[] b;

    private DenseForward(int[] kind, int[] nIn, int[] nOut, double[][] weights, double[][] biases, int[] activation) {
        this.kind = kind;
        this.nIn = nIn;
        this.nOut = nOut;
        this.weights = weights;
        this.biases = biases;
        this.activation = activation;
        this.inputs = nIn[0];
        this.outputs = nOut[nOut.length - 1];
        int max = inputs;
        for (int w : nOut) {
            max = Math.max(max, w);
        }
        a = new double[max];
        b = new double[max];
    }

    /** Snapshot of {@code net}'s current weights. */
    public static DenseForward of(MultiLayerNetwork net) {
        List<Integer> kinds = new ArrayList<>();
        List<Integer> ins = new ArrayList<>();
        List<Integer> outs = new ArrayList<>();
        List<double[]> ws = new ArrayList<>();
        List<double[]> bs = new ArrayList<>();
        List<Integer> acts = new ArrayList<>();
        int width = -1;
        for (Layer layer : net.getLayers()) {
            var conf = layer.conf().getLayer();
            if (conf instanceof DropoutLayer) {
                continue;
            }
            if (conf instanceof DenseLayer || conf instanceof OutputLayer) {
                FeedForwardLayer ff = (FeedForwardLayer) conf;
                int in = (int) ff.getNIn();
                int out = (int) ff.getNOut();
                double[] w = values(layer.getParam("W"));          // c-order [in][out]
                double[] t = new double[in * out];
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        t[o * in + i] = w[i * out + o];
                    }
                }
                double[] bias = layer.paramTable().containsKey("b") ? values(layer.getParam("b")) : new double[out];
                kinds.add(DENSE);
                ins.add(in);
                outs.add(out);
                ws.add(t);
                bs.add(bias);
                acts.add(Activations.code(((org.deeplearning4j.nn.conf.layers.BaseLayer) ff).getActivationFn()));
                width = out;
            } else if (conf instanceof BatchNormalization bn) {
                int n = (int) bn.getNOut();
                double[] mean = values(layer.getParam("mean"));
                double[] var;
                if (bn.isUseLogStd()) {
                    double[] log10std = values(layer.getParam("log10stdev"));
                    var = new double[n];
                    for (int i = 0; i < n; i++) {
                        double std = Math.pow(10, log10std[i]);
                        var[i] = std * std;
                    }
                } else {
                    var = values(layer.getParam("var"));
                }
                double[] gamma = new double[n];
                double[] beta = new double[n];
                if (bn.isLockGammaBeta()) {
                    java.util.Arrays.fill(gamma, bn.getGamma());
                    java.util.Arrays.fill(beta, bn.getBeta());
                } else {
                    gamma = values(layer.getParam("gamma"));
                    beta = values(layer.getParam("beta"));
                }
                double[] scale = new double[n];
                double[] shift = new double[n];
                for (int i = 0; i < n; i++) {
                    scale[i] = gamma[i] / Math.sqrt(var[i] + bn.getEps());
                    shift[i] = beta[i] - mean[i] * scale[i];
                }
                kinds.add(AFFINE);
                ins.add(n);
                outs.add(n);
                ws.add(scale);
                bs.add(shift);
                acts.add(Activations.IDENTITY);
                width = n;
            } else {
                throw new IllegalArgumentException("layer " + conf.getClass().getSimpleName()
                        + " has no plain-Java forward pass");
            }
        }
        if (width < 0) {
            throw new IllegalArgumentException("network without dense layers");
        }
        int n = kinds.size();
        int[] kind = new int[n];
        int[] in = new int[n];
        int[] out = new int[n];
        int[] act = new int[n];
        for (int i = 0; i < n; i++) {
            kind[i] = kinds.get(i);
            in[i] = ins.get(i);
            out[i] = outs.get(i);
            act[i] = acts.get(i);
        }
        return new DenseForward(kind, in, out, ws.toArray(new double[0][]), bs.toArray(new double[0][]), act);
    }

    private static double[] values(INDArray param) {
        return param.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Another instance over the same weights with its own scratch (for another thread). */
    public DenseForward copy() {
        return new DenseForward(kind, nIn, nOut, weights, biases, activation);
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /** {@code out[batch × outputs] = net(in[batch × inputs])}, row-major. */
    public void forward(double[] in, int batch, double[] out) {
        forward(in, 0, batch, out, 0);
    }

    /** As {@link #forward(double[], int, double[])} from/to offsets. */
    public void forward(double[] in, int inOffset, int batch, double[] out, int outOffset) {
        if (inOffset + batch * inputs > in.length || outOffset + batch * outputs > out.length) {
            throw new IllegalArgumentException("arrays too short for a batch of " + batch);
        }
        int last = kind.length - 1;
        for (int s = 0; s < batch; s++) {
            double[] x = a;
            double[] y = b;
            System.arraycopy(in, inOffset + s * inputs, x, 0, inputs);
            for (int l = 0; l <= last; l++) {
                int ni = nIn[l];
                int no = nOut[l];
                double[] w = weights[l];
                double[] c = biases[l];
                if (kind[l] == DENSE) {
                    for (int o = 0; o < no; o++) {
                        double sum = c[o];
                        int row = o * ni;
                        for (int i = 0; i < ni; i++) {
                            sum += w[row + i] * x[i];
                        }
                        y[o] = sum;
                    }
                } else {
                    for (int o = 0; o < no; o++) {
                        y[o] = w[o] * x[o] + c[o];
                    }
                }
                Activations.apply(activation[l], y, 0, no);
                double[] t = x;
                x = y;
                y = t;
            }
            System.arraycopy(x, 0, out, outOffset + s * outputs, outputs);
        }
    }
}
