package org.l96.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.Npz;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained network as the {@code state_dict} of the PyTorch {@code nn.Sequential} that computes the same function,
 * as plain float32 arrays ({@code weights.npz}). The Sequential has, in the network's order, for each dense layer an
 * {@code nn.Linear(in, out)} followed by its activation module when that is not the identity, for each batch
 * normalization an {@code nn.BatchNorm1d(n)}, and for each dropout an {@code nn.Dropout}. The arrays are named by
 * the module's index in it: {@code i.weight} ({@code out × in}, PyTorch's layout; DL4J stores {@code in × out}) and
 * {@code i.bias} for a linear layer; {@code i.weight} (γ), {@code i.bias} (β), {@code i.running_mean},
 * {@code i.running_var} for batch normalization.
 */
public final class TorchExport {
    private TorchExport() {
    }

    /** The arrays, in module order. */
    public static Map<String, Npz.FloatArray> stateDict(MultiLayerNetwork net) {
        Map<String, Npz.FloatArray> out = new LinkedHashMap<>();
        int index = 0;
        for (Layer layer : net.getLayers()) {
            var conf = layer.conf().getLayer();
            if (conf instanceof DropoutLayer) {
                index++;
            } else if (conf instanceof DenseLayer || conf instanceof OutputLayer) {
                FeedForwardLayer ff = (FeedForwardLayer) conf;
                int in = (int) ff.getNIn();
                int n = (int) ff.getNOut();
                float[] w = values(layer.getParam("W")); // [in][out]
                float[] t = new float[in * n];
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < n; o++) {
                        t[o * in + i] = w[i * n + o];
                    }
                }
                out.put(index + ".weight", new Npz.FloatArray(t, n, in));
                float[] bias = layer.paramTable().containsKey("b") ? values(layer.getParam("b")) : new float[n];
                out.put(index + ".bias", new Npz.FloatArray(bias, n));
                index++;
                if (Activations.code(((BaseLayer) ff).getActivationFn()) != Activations.IDENTITY) {
                    index++; // the activation is a module of its own in PyTorch
                }
            } else if (conf instanceof BatchNormalization bn) {
                int n = (int) bn.getNOut();
                float[] var;
                if (bn.isUseLogStd()) {
                    float[] log10std = values(layer.getParam("log10stdev"));
                    var = new float[n];
                    for (int i = 0; i < n; i++) {
                        double std = Math.pow(10, log10std[i]);
                        var[i] = (float) (std * std);
                    }
                } else {
                    var = values(layer.getParam("var"));
                }
                float[] gamma = new float[n];
                float[] beta = new float[n];
                if (bn.isLockGammaBeta()) {
                    java.util.Arrays.fill(gamma, (float) bn.getGamma());
                    java.util.Arrays.fill(beta, (float) bn.getBeta());
                } else {
                    gamma = values(layer.getParam("gamma"));
                    beta = values(layer.getParam("beta"));
                }
                out.put(index + ".weight", new Npz.FloatArray(gamma, n));
                out.put(index + ".bias", new Npz.FloatArray(beta, n));
                out.put(index + ".running_mean", new Npz.FloatArray(values(layer.getParam("mean")), n));
                out.put(index + ".running_var", new Npz.FloatArray(var, n));
                index++;
            } else {
                throw new IllegalArgumentException("layer " + conf.getClass().getSimpleName()
                        + " has no PyTorch counterpart here");
            }
        }
        return out;
    }

    /** The number of trained values in a {@link #stateDict}: every array but batch norm's running statistics. */
    public static long trainable(Map<String, Npz.FloatArray> stateDict) {
        long n = 0;
        for (var e : stateDict.entrySet()) {
            if (!e.getKey().endsWith(".running_mean") && !e.getKey().endsWith(".running_var")) {
                n += e.getValue().data().length;
            }
        }
        return n;
    }

    /** Writes {@link #stateDict} to {@code file} as an {@code .npz} archive. */
    public static void write(MultiLayerNetwork net, Path file) throws IOException {
        org.l96.data.Npz.writeFloats(file, stateDict(net));
    }

    private static float[] values(INDArray param) {
        return param.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
