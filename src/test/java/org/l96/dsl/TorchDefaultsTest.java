package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.LrRangeTestSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The options a script leaves out take PyTorch's (and torch-lr-finder's) defaults, as the docs promise. The values
 * are those of the PyTorch documentation: SGD(lr=1e-3, momentum=0, nesterov=False, weight_decay=0),
 * Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0), AdamW(… weight_decay=1e-2), RMSprop(lr=1e-2,
 * alpha=0.99, eps=1e-8, momentum=0, weight_decay=0), BatchNorm1d(eps=1e-5, momentum=0.1), StepLR(gamma=0.1),
 * CyclicLR(step_size_down=step_size_up, mode='triangular', gamma=1), OneCycleLR(pct_start=0.3, div_factor=25,
 * final_div_factor=1e4); torch-lr-finder's range_test(end_lr=10, num_iter=100, step_mode='exp', smooth_f=0.05,
 * diverge_th=5).
 */
class TorchDefaultsTest {

    @Test
    void leftOutOptionsArePyTorchsDefaults(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("defaults.groovy");
        Files.writeString(script, """
                experiment('defaults') {
                    network('sgd') { layers { dense 8 }; train { optimizer sgd(lr: 0.001); schedule step(3) } }
                    network('adam') { layers { dense 8 }; train { optimizer adam(); schedule exponential(0.9) } }
                    network('adamw') {
                        layers { dense 8 }
                        train { optimizer adamw(lr: 0.001); schedule cyclic(baseLr: 1e-4, maxLr: 1e-2, stepSizeUp: 4) }
                    }
                    network('rmsprop') {
                        layers { dense 4; batchNorm(); dense 8 }
                        train { optimizer rmsprop(lr: 0.01); schedule oneCycle(maxLr: 0.01) }
                    }
                    lrRangeTest('adam') { }
                }
                """);
        ExperimentSpec spec = ScriptLoader.load(script);
        assertEquals(new OptimizerSpec.Sgd(1e-3, 0, false, 0), spec.networks().get("sgd").train().optimizer());
        assertEquals(new OptimizerSpec.Adam(1e-3, 0.9, 0.999, 1e-8, 0), spec.networks().get("adam").train().optimizer());
        assertEquals(new OptimizerSpec.AdamW(1e-3, 0.9, 0.999, 1e-8, 1e-2),
                spec.networks().get("adamw").train().optimizer());
        assertEquals(new OptimizerSpec.RmsProp(1e-2, 0.99, 1e-8, 0, 0),
                spec.networks().get("rmsprop").train().optimizer());
        assertEquals(new LayerSpec.BatchNorm(0.1, 1e-5), spec.networks().get("rmsprop").layers().get(1));
        assertEquals(new ScheduleSpec.Step(3, 0.1), spec.networks().get("sgd").train().schedule());
        assertEquals(new ScheduleSpec.Cyclic(1e-4, 1e-2, 4, 4, "triangular", 1),
                spec.networks().get("adamw").train().schedule());
        assertEquals(new ScheduleSpec.OneCycle(0.01, 0.3, 25, 1e4), spec.networks().get("rmsprop").train().schedule());
        LrRangeTestSpec t = spec.lrRangeTests().get("adam");
        assertEquals(10, t.endLr());
        assertEquals(100, t.iterations());
        assertEquals("exponential", t.ramp());
        assertEquals(0.05, t.smoothing());
        assertEquals(5, t.divergeThreshold());
    }
}
