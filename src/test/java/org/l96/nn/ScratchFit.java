package org.l96.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.spec.OptimizerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

public class ScratchFit {
    static double time(Runnable r, int n) {
        for (int i = 0; i < n; i++) r.run();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) r.run();
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    public static void main(String[] a) {
        var spec = TrainingBenchmark.netAnn(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1024, 8);
        INDArray y = Nd4j.rand(DataType.FLOAT, 1024, 8);
        DataSet ds = new DataSet(x, y);
        for (WorkspaceMode wm : new WorkspaceMode[]{WorkspaceMode.ENABLED, WorkspaceMode.NONE}) {
            MultiLayerConfiguration conf = Networks.configuration(spec, 8, Optimizers.updater(OptimizerSpec.Adam.withLr(0.003), null), List.of(), 1);
            conf.setTrainingWorkspaceMode(wm);
            conf.setInferenceWorkspaceMode(wm);
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            for (int rep = 0; rep < 3; rep++) {
                System.out.printf("%s: fit %.3f ms, output %.3f ms%n", wm, time(() -> net.fit(ds), 500), time(() -> net.output(x, false), 500));
            }
        }
    }
}
