package org.l96.nn.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * DL4J's batch normalization with PyTorch's {@code BatchNorm1d} semantics in the two places where DL4J differs:
 * <ul>
 *   <li>the running variance moves towards the <em>unbiased</em> batch variance (divided by n - 1; PyTorch), not the
 *   biased one (divided by n; DL4J). Normalization in training still uses the biased variance, as in both;</li>
 *   <li>the layer's regularization (our weight decay) applies to its weight (gamma) and bias (beta), as
 *   PyTorch's {@code weight_decay} applies to every parameter; DL4J never regularizes batch norm. The running
 *   statistics are buffers, never decayed.</li>
 * </ul>
 * DL4J updates the running statistics through their "gradient" with a no-op updater: {@code var -= g} with
 * {@code g = m (var - v_biased)} ({@code m} = PyTorch's momentum = 1 - decay). This layer rewrites g so that the
 * update is {@code var ← (1 - m) var + m v_biased n/(n-1)}: {@code g' = (n g - m var)/(n - 1)}. With n = 1 PyTorch
 * refuses to train; here the biased update is kept.
 */
public class TorchBatchNorm extends BatchNormalization {

    /** For DL4J's JSON (de)serialization of the configuration. */
    public TorchBatchNorm() {
    }

    /** The same layer as {@code dl4j} (every configuration field copied) with PyTorch's semantics. */
    public static TorchBatchNorm of(BatchNormalization dl4j) {
        TorchBatchNorm t = new TorchBatchNorm();
        for (Class<?> c = dl4j.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(t, f.get(dl4j));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy batch norm field " + f, e);
                }
            }
        }
        return t;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String param) {
        return switch (param) {
            case BatchNormalizationParamInitializer.GAMMA, BatchNormalizationParamInitializer.BETA ->
                    regularization == null || regularization.isEmpty() ? null : regularization;
            default -> null;
        };
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        LayerValidation.assertNOutSet("BatchNormalization", getLayerName(), index, getNOut());
        Impl layer = new Impl(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> params = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** The layer implementation: DL4J's, with the running-variance update made PyTorch's. */
    public static class Impl extends org.deeplearning4j.nn.layers.normalization.BatchNormalization {
        public Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            long n = input.size(0);
            INDArray var = getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).dup();
            Pair<Gradient, INDArray> result = super.backpropGradient(epsilon, workspaceMgr);
            INDArray g = result.getFirst().getGradientFor(BatchNormalizationParamInitializer.GLOBAL_VAR);
            if (g != null && n > 1 && !layerConf().isUseLogStd()) {
                double m = 1 - layerConf().getDecay();
                g.muli(n).subi(var.muli(m)).divi(n - 1);
            }
            return result;
        }
    }
}
