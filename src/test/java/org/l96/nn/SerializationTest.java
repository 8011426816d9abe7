package org.l96.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.nn.dl4j.LrSchedules;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every custom DL4J piece (updaters, weight decays, schedules, exact GELU) survives a save and load. */
class SerializationTest {

    @Test
    void everyOptimizerAndScheduleRoundTrips(@TempDir Path dir) throws Exception {
        NetworkSpec spec = new NetworkSpec("non-local", List.of(new LayerSpec.Dense(6, "gelu"),
                new LayerSpec.BatchNorm(0.1, 1e-5), new LayerSpec.Dropout(0.2), new LayerSpec.Dense(5, "selu"),
                new LayerSpec.Dense(3, "identity")), "he", "mae", null, null);
        List<OptimizerSpec> optimizers = List.of(new OptimizerSpec.Sgd(0.01, 0.9, true, 0.01),
                new OptimizerSpec.Adam(0.01, 0.9, 0.99, 1e-7, 0.1), new OptimizerSpec.AdamW(0.01, 0.9, 0.999, 1e-8, 0.02),
                new OptimizerSpec.RmsProp(0.01, 0.99, 1e-8, 0.5, 0.01), new OptimizerSpec.Sgd(0.01, 0, false, 0));
        List<ISchedule> schedules = List.of(LrSchedules.of(new ScheduleSpec.Step(2, 0.5), 0.01, 3, 4, 1),
                LrSchedules.of(new ScheduleSpec.Exponential(0.9), 0.01, 3, 4, 0),
                LrSchedules.of(new ScheduleSpec.Cyclic(1e-3, 1e-2, 2, 3, "exp_range", 0.99), 0.01, 3, 4, 2),
                LrSchedules.of(new ScheduleSpec.OneCycle(0.05, 0.3, 25, 1e4), 0.01, 3, 4, 0),
                new LrSchedules.Ramp(1e-7, 10, 100, true, 0));
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 4);
        INDArray y = Nd4j.randn(DataType.FLOAT, 16, 3);
        for (int i = 0; i < optimizers.size(); i++) {
            OptimizerSpec opt = optimizers.get(i);
            MultiLayerNetwork net = Networks.build(spec, 4, Optimizers.updater(opt, schedules.get(i)),
                    Optimizers.regularization(opt), i);
            net.fit(new DataSet(x, y));
            TrainedNetwork t = new TrainedNetwork("n" + i, spec, net, null, null);
            Path zip = dir.resolve("n" + i + ".zip");
            t.save(zip);
            MultiLayerNetwork back = TrainedNetwork.loadNetwork(zip);
            assertEquals(net.getLayerWiseConfigurations().toJson(), back.getLayerWiseConfigurations().toJson(),
                    opt.toString());
            assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
            assertArrayEquals(net.params().toFloatVector(), back.params().toFloatVector());
            assertArrayEquals(net.output(x, false).toFloatMatrix(), back.output(x, false).toFloatMatrix());
            Nd4j.getRandom().setSeed(42); // same dropout masks
            net.fit(new DataSet(x, y));
            Nd4j.getRandom().setSeed(42);
            back.fit(new DataSet(x, y));
            assertArrayEquals(net.params().toFloatVector(), back.params().toFloatVector(), 1e-6f,
                    "same next step after loading, " + opt);
        }
    }
}
