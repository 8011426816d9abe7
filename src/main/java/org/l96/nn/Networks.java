package org.l96.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.l96.nn.dl4j.TorchBatchNorm;
import org.l96.spec.Vocabulary;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link NetworkSpec} → DL4J {@link MultiLayerNetwork} (FLOAT). Each spec layer becomes one DL4J layer, in order:
 * <ul>
 *   <li>dense → {@code DenseLayer}; the last dense → {@code OutputLayer} with the spec's loss (MSE or MAE, both the
 *   mean over all elements of the batch, as PyTorch's {@code MSELoss}/{@code L1Loss});</li>
 *   <li>dropout p (PyTorch: probability of dropping) → {@code DropoutLayer} with retain probability {@code 1-p}: a
 *   layer of its own, so it acts on the previous layer's activations exactly like {@code nn.Dropout} placed there
 *   (inverted dropout: kept units scaled by {@code 1/(1-p)} in training, identity in evaluation);</li>
 *   <li>batch norm (momentum m, PyTorch's meaning) → {@link TorchBatchNorm} (DL4J's {@code BatchNormalization}
 *   with decay {@code 1-m}, variance stored directly, not log-std; the running variance unbiased and gamma/beta
 *   regularized as in PyTorch).</li>
 * </ul>
 * Weight init "pytorch" is {@code nn.Linear}'s: weights and biases U(-1/√fan_in, 1/√fan_in), drawn from the given
 * seed after {@code init()}; "xavier" (Glorot normal) and "he" (He normal) use DL4J's initializers with zero biases.
 */
public final class Networks {
    static {
        Nd4jSetup.configure();
    }

    private Networks() {
    }

    /**
     * Builds and initializes a network.
     *
     * @param nIn     inputs (1 for local features, K for non-local)
     * @param updater the optimizer (see {@link Optimizers#updater})
     * @param regularization regularizations for weights and biases (see {@link Optimizers#regularization})
     * @param seed    seed of the initialization
     */
    public static MultiLayerNetwork build(NetworkSpec spec, int nIn, IUpdater updater,
                                          List<Regularization> regularization, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, nIn, updater, regularization, seed));
        net.init();
        if (spec.weightInitKind() == Vocabulary.WeightInit.PYTORCH) {
            pytorchInit(net, Seeds.derive(seed, Seeds.INIT));
        }
        return net;
    }

    /** The configuration {@link #build} uses. */
    public static MultiLayerConfiguration configuration(NetworkSpec spec, int nIn, IUpdater updater,
                                                        List<Regularization> regularization, long seed) {
        List<LayerSpec> layers = spec.layers();
        int lastDense = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof LayerSpec.Dense) {
                lastDense = i;
            }
        }
        if (lastDense != layers.size() - 1) {
            throw new IllegalArgumentException("the last layer must be dense (it gives the outputs)");
        }
        WeightInit init = switch (spec.weightInitKind()) {
            case PYTORCH, XAVIER -> WeightInit.XAVIER; // PYTORCH's weights are drawn again after init()
            case HE -> WeightInit.RELU;
        };
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(Seeds.derive(seed, Seeds.DL4J))
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(init)
                .biasInit(0)
                .list();
        int width = nIn;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l instanceof LayerSpec.Dense d) {
                if (i == lastDense) {
                    b.layer(new OutputLayer.Builder(loss(spec.lossKind())).nIn(width).nOut(d.units())
                            .activation(Activations.dl4j(d.activation()))
                            .regularization(new ArrayList<>(regularization))
                            .regularizationBias(new ArrayList<>(regularization)).build());
                } else {
                    b.layer(new DenseLayer.Builder().nIn(width).nOut(d.units())
                            .activation(Activations.dl4j(d.activation()))
                            .regularization(new ArrayList<>(regularization))
                            .regularizationBias(new ArrayList<>(regularization)).build());
                }
                width = d.units();
            } else if (l instanceof LayerSpec.Dropout d) {
                if (!(d.rate() >= 0 && d.rate() < 1)) {
                    throw new IllegalArgumentException("dropout must be in [0, 1), got " + d.rate());
                }
                // retain probability 1.0 is the identity
                b.layer(new DropoutLayer.Builder(1.0 - d.rate()).nIn(width).nOut(width).build());
            } else if (l instanceof LayerSpec.BatchNorm bn) {
                // PyTorch's running variance (unbiased) and weight decay of gamma and beta: see TorchBatchNorm
                b.layer(TorchBatchNorm.of((BatchNormalization) new BatchNormalization.Builder().nIn(width).nOut(width)
                        .decay(1 - bn.momentum()).eps(bn.epsilon()).useLogStd(false)
                        .regularization(new ArrayList<>(regularization)).build()));
            } else {
                throw new IllegalArgumentException("unknown layer " + l);
            }
        }
        return b.build();
    }

    static LossFunctions.LossFunction loss(Vocabulary.Loss loss) {
        return switch (loss) {
            case MSE -> LossFunctions.LossFunction.MSE;
            case MAE -> LossFunctions.LossFunction.MEAN_ABSOLUTE_ERROR;
        };
    }

    /** nn.Linear's default initialization of every dense layer, from {@code seed}. */
    public static void pytorchInit(MultiLayerNetwork net, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff
                    && (ff instanceof DenseLayer || ff instanceof OutputLayer)) {
                int in = (int) ff.getNIn();
                int out = (int) ff.getNOut();
                double bound = 1 / Math.sqrt(in);
                float[][] w = new float[in][out];
                for (int o = 0; o < out; o++) {          // PyTorch's weight is (out, in), filled row-major
                    for (int i = 0; i < in; i++) {
                        w[i][o] = (float) (random.nextDouble(-bound, bound));
                    }
                }
                float[][] bias = new float[1][out];
                for (int o = 0; o < out; o++) {
                    bias[0][o] = (float) random.nextDouble(-bound, bound);
                }
                INDArray wArr = Nd4j.create(w);
                INDArray bArr = Nd4j.create(bias);
                layer.setParam("W", wArr);
                layer.setParam("b", bArr);
            }
        }
    }
}
