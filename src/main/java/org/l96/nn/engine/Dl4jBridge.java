package org.l96.nn.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.l96.nn.Activations;
import org.l96.nn.dl4j.CoupledWeightDecay;
import org.l96.nn.dl4j.DecoupledWeightDecay;
import org.l96.nn.dl4j.TorchUpdater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a DL4J {@link MultiLayerNetwork} (as {@code org.l96.nn.Networks} builds them) into a {@link FloatMlp} and
 * writes the trained parameters and optimizer state back, so that {@code model.zip} stays a DL4J model. The flat
 * position of every parameter is not assumed but probed (the network's parameters set to 0, 1, 2, … and each
 * layer's views read back), and checked against the layout the engine uses.
 */
public final class Dl4jBridge {
    private Dl4jBridge() {
    }

    /**
     * Null if the engine can train {@code net}, else why not: dense/output layers with the spec's activations and
     * MSE/MAE loss, dropout layers with a fixed retain probability, batch norm (variance stored directly, gamma and
     * beta learned), FLOAT, the project's updaters and regularizations, no per-layer dropout.
     */
    public static String unsupported(MultiLayerNetwork net) {
        if (net.params().dataType() != DataType.FLOAT) {
            return "parameters are " + net.params().dataType();
        }
        for (Layer layer : net.getLayers()) {
            var conf = layer.conf().getLayer();
            if (conf.getIDropout() != null && !(conf instanceof DropoutLayer)) {
                return "dropout inside " + conf.getClass().getSimpleName();
            }
            if (conf instanceof DenseLayer || conf instanceof OutputLayer) {
                try {
                    Activations.code(((BaseLayer) conf).getActivationFn());
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
                if (conf instanceof OutputLayer o && !(o.getLossFn() instanceof LossMSE)
                        && !(o.getLossFn() instanceof LossMAE)) {
                    return "loss " + o.getLossFn();
                }
                for (String p : layer.paramTable().keySet()) {
                    if (!(conf.getUpdaterByParam(p) instanceof TorchUpdater)) {
                        return "updater " + conf.getUpdaterByParam(p);
                    }
                    List<Regularization> rs = conf.getRegularizationByParam(p);
                    for (Regularization r : rs == null ? List.<Regularization>of() : rs) {
                        if (!(r instanceof CoupledWeightDecay) && !(r instanceof DecoupledWeightDecay)) {
                            return "regularization " + r;
                        }
                    }
                }
            } else if (conf instanceof DropoutLayer d) {
                if (!(d.getIDropout() instanceof Dropout dr) || dr.getPSchedule() != null) {
                    return "dropout " + d.getIDropout();
                }
            } else if (conf instanceof BatchNormalization bn) {
                if (bn.isUseLogStd() || bn.isLockGammaBeta() || !bn.isMinibatch()) {
                    return "batch norm with log-std, locked gamma/beta or full-batch statistics";
                }
                for (String p : List.of("gamma", "beta")) {
                    if (!(conf.getUpdaterByParam(p) instanceof TorchUpdater)) {
                        return "batch norm updater " + conf.getUpdaterByParam(p);
                    }
                    List<Regularization> rs = conf.getRegularizationByParam(p);
                    for (Regularization r : rs == null ? List.<Regularization>of() : rs) {
                        if (!(r instanceof CoupledWeightDecay) && !(r instanceof DecoupledWeightDecay)) {
                            return "regularization " + r;
                        }
                    }
                }
            } else {
                return "layer " + conf.getClass().getSimpleName();
            }
        }
        return null;
    }

    /**
     * A {@link FloatMlp} with {@code net}'s layers and current parameters, buffers for {@code capacity} samples, and
     * dropout masks drawn from {@code dropoutSeed}.
     *
     * @throws IllegalArgumentException if {@link #unsupported} says so
     */
    public static FloatMlp read(MultiLayerNetwork net, int capacity, long dropoutSeed) {
        String why = unsupported(net);
        if (why != null) {
            throw new IllegalArgumentException("the plain-Java engine cannot train this network: " + why);
        }
        float[] params = net.params().castTo(DataType.FLOAT).dup('c').data().asFloat();
        int total = params.length;
        if (total >= 1 << 24) {
            throw new IllegalArgumentException("too many parameters to probe exactly in float: " + total);
        }
        float[] ramp = new float[total];
        for (int i = 0; i < total; i++) {
            ramp[i] = i;
        }
        // on a copy (the network itself is never modified, so other threads may read it meanwhile), each view now
        // shows the flat indices of its elements
        MultiLayerNetwork probe = net.clone();
        probe.setParams(Nd4j.create(ramp, new long[]{1, total}, DataType.FLOAT));
        return layout(probe, params, capacity, dropoutSeed);
    }

    private static FloatMlp layout(MultiLayerNetwork net, float[] params, int capacity, long dropoutSeed) {
        Layer[] ls = net.getLayers();
        int n = ls.length;
        int[] kind = new int[n];
        int[] nIn = new int[n];
        int[] nOut = new int[n];
        int[] act = new int[n];
        int[] wOff = new int[n];
        int[] bOff = new int[n];
        int[] meanOff = new int[n];
        int[] varOff = new int[n];
        float[] retain = new float[n];
        double[] decay = new double[n];
        float[] eps = new float[n];
        boolean[] unbiased = new boolean[n];
        int loss = FloatMlp.MSE;
        List<int[]> trainable = new ArrayList<>();
        int width = -1;
        for (int l = 0; l < n; l++) {
            Layer layer = ls[l];
            var conf = layer.conf().getLayer();
            if (conf instanceof FeedForwardLayer ff && !(conf instanceof DropoutLayer)
                    && !(conf instanceof BatchNormalization)) {
                kind[l] = FloatMlp.DENSE;
                nIn[l] = (int) ff.getNIn();
                nOut[l] = (int) ff.getNOut();
                act[l] = Activations.code(((BaseLayer) conf).getActivationFn());
                INDArray w = layer.getParam("W");
                wOff[l] = (int) w.getFloat(0, 0);
                for (int i = 0; i < nIn[l]; i++) {
                    for (int o = 0; o < nOut[l]; o++) {
                        expect(w.getFloat(i, o), wOff[l] + o * nIn[l] + i, "W");
                    }
                }
                bOff[l] = vector(layer.getParam("b"), nOut[l], "b");
                trainable.add(new int[]{wOff[l], wOff[l] + nIn[l] * nOut[l], decays(conf, "W")});
                trainable.add(new int[]{bOff[l], bOff[l] + nOut[l], decays(conf, "b")});
                if (conf instanceof OutputLayer o && o.getLossFn() instanceof LossMAE) {
                    loss = FloatMlp.MAE;
                }
                width = nOut[l];
            } else if (conf instanceof DropoutLayer d) {
                kind[l] = FloatMlp.DROPOUT;
                // a leading dropout acts on the network's inputs: its width is theirs
                nIn[l] = nOut[l] = width >= 0 ? width : (int) d.getNIn();
                width = nOut[l];
                IDropout dropout = d.getIDropout();
                retain[l] = (float) ((Dropout) dropout).getP();
            } else if (conf instanceof BatchNormalization bn) {
                kind[l] = FloatMlp.BATCH_NORM;
                nIn[l] = nOut[l] = (int) bn.getNOut();
                decay[l] = bn.getDecay();
                eps[l] = (float) bn.getEps();
                wOff[l] = vector(layer.getParam("gamma"), nOut[l], "gamma");
                bOff[l] = vector(layer.getParam("beta"), nOut[l], "beta");
                meanOff[l] = vector(layer.getParam("mean"), nOut[l], "mean");
                varOff[l] = vector(layer.getParam("var"), nOut[l], "var");
                trainable.add(new int[]{wOff[l], wOff[l] + nOut[l], decays(conf, "gamma")});
                trainable.add(new int[]{bOff[l], bOff[l] + nOut[l], decays(conf, "beta")});
                unbiased[l] = unbiasedRunningVariance(bn);
                width = nOut[l];
            }
            if (l == 0 && width <= 0) {
                throw new IllegalArgumentException("the width of the first layer (" + conf.getClass().getSimpleName()
                        + ") is not known");
            }
        }
        trainable.sort((a, b) -> Integer.compare(a[0], b[0]));
        return new FloatMlp(kind, nIn, nOut, act, wOff, bOff, meanOff, varOff, retain, decay, eps, unbiased, loss,
                params, trainable.toArray(new int[0][]), capacity, dropoutSeed);
    }

    /**
     * Whether a batch-norm layer moves its running variance towards the unbiased batch variance (PyTorch's
     * {@code BatchNorm1d}, the project's {@link org.l96.nn.dl4j.TorchBatchNorm}) rather than the biased one (DL4J's
     * own {@code BatchNormalization}, which a network saved by DL4J elsewhere may carry).
     */
    static boolean unbiasedRunningVariance(BatchNormalization bn) {
        return bn instanceof org.l96.nn.dl4j.TorchBatchNorm;
    }

    private static int decays(org.deeplearning4j.nn.conf.layers.Layer conf, String param) {
        List<Regularization> rs = conf.getRegularizationByParam(param);
        return rs == null || rs.isEmpty() ? 0 : 1;
    }

    /** The flat offset of a vector parameter, checked to be contiguous. */
    private static int vector(INDArray v, int n, String name) {
        INDArray flat = v.reshape(v.length());
        int off = (int) flat.getFloat(0);
        for (int j = 0; j < n; j++) {
            expect(flat.getFloat(j), off + j, name);
        }
        return off;
    }

    private static void expect(float probed, int expected, String name) {
        if ((int) probed != expected) {
            throw new IllegalStateException("DL4J lays out parameter " + name + " unlike the engine (flat index "
                    + (int) probed + ", expected " + expected + ")");
        }
    }

    /**
     * Writes the engine's parameters into {@code net} and, when {@code optimizer} is given, its state into the
     * network's updater (each DL4J updater block holds, per state part, a slice laid out like the block's
     * parameters), and sets the iteration counter to the optimizer's step count.
     */
    public static void write(FloatMlp mlp, FloatOptimizer optimizer, MultiLayerNetwork net) {
        net.setParams(Nd4j.create(mlp.params.clone(), new long[]{1, mlp.params.length}, DataType.FLOAT));
        if (optimizer == null) {
            return;
        }
        Updater updater = net.getUpdater(true);
        INDArray view = updater.getStateViewArray();
        if (view != null && view.length() > 0) {
            float[] state = new float[(int) view.length()];
            for (UpdaterBlock block : blocks(updater)) {
                int p0 = block.getParamOffsetStart();
                int len = block.getParamOffsetEnd() - p0;
                int u0 = block.getUpdaterViewOffsetStart();
                int parts = len == 0 ? 0 : (block.getUpdaterViewOffsetEnd() - u0) / len;
                for (int part = 0; part < parts; part++) {
                    float[] src = part == 0 ? optimizer.state0 : optimizer.state1;
                    System.arraycopy(src, p0, state, u0 + part * len, len);
                }
            }
            view.assign(Nd4j.create(state, view.shape(), DataType.FLOAT));
        }
        net.setIterationCount(optimizer.step);
    }

    /**
     * Reads {@code net}'s optimizer state into {@code optimizer} (moments, momentum buffers and the step count, the
     * network's iteration counter), as DL4J would continue from it.
     */
    public static void readState(MultiLayerNetwork net, FloatOptimizer optimizer) {
        optimizer.step = net.getIterationCount();
        Updater updater = net.getUpdater(false);
        INDArray view = updater == null ? null : updater.getStateViewArray();
        if (view == null || view.length() == 0) {
            return;
        }
        float[] state = view.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (UpdaterBlock block : blocks(updater)) {
            int p0 = block.getParamOffsetStart();
            int len = block.getParamOffsetEnd() - p0;
            int u0 = block.getUpdaterViewOffsetStart();
            int parts = len == 0 ? 0 : (block.getUpdaterViewOffsetEnd() - u0) / len;
            if (parts > 0 && block.getGradientUpdater().getConfig() instanceof NoOp) {
                continue;
            }
            for (int part = 0; part < parts; part++) {
                float[] dst = part == 0 ? optimizer.state0 : optimizer.state1;
                System.arraycopy(state, u0 + part * len, dst, p0, len);
            }
        }
    }

    private static List<UpdaterBlock> blocks(Updater updater) {
        if (!(updater instanceof BaseMultiLayerUpdater<?> u)) {
            throw new IllegalStateException("unexpected updater " + updater.getClass().getName());
        }
        return u.getUpdaterBlocks();
    }
}
