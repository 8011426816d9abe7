package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.l96.spec.ChartSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.SpecJson;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SeedNotebookTest {
    private static final Path SCRIPT = Path.of("examples/seed-notebook.groovy");

    @Test
    void scriptAndJavaBuilderGiveTheSameSpec() throws Exception {
        ExperimentSpec fromScript = ScriptLoader.load(SCRIPT);
        ExperimentSpec fromJava = JavaExample.spec(Path.of("examples/SeedNotebook.java"));
        assertEquals(SpecJson.toJson(fromJava), SpecJson.toJson(fromScript));
        assertEquals(fromJava, fromScript);
    }

    @Test
    void reproducesTheNotebooksSettings() {
        ExperimentSpec spec = ScriptLoader.load(SCRIPT);
        assertEquals(14, spec.seed());
        assertEquals(List.of("linear", "ann", "ann-150", "ann-decay", "ann-dropout", "ann-lr001"),
                List.copyOf(spec.networks().keySet()));
        NetworkSpec ann = spec.networks().get("ann");
        assertEquals(List.of(new LayerSpec.Dense(16, "relu"), new LayerSpec.Dense(16, "relu"),
                new LayerSpec.Dense(8, "identity")), ann.layers());
        NetworkSpec more = spec.networks().get("ann-150");
        assertEquals("ann", more.continueFrom());
        assertEquals(100, more.train().epochs());
        assertEquals(ann.train().optimizer(), more.train().optimizer());
        NetworkSpec decay = spec.networks().get("ann-decay");
        assertNull(decay.continueFrom());
        assertEquals(0.1, ((OptimizerSpec.Adam) decay.train().optimizer()).weightDecay());
        assertEquals(5, spec.networks().get("ann-dropout").layers().size());
        assertEquals(12, spec.charts().size());
        assertEquals(List.of("01_batch_state_vs_subgrid", "02_linear_pred_vs_true", "03_gcm_compare_T10",
                        "04_relu", "05_netann_50ep_losses", "06_netann_pred_vs_true", "07_gcm_compare_T5",
                        "08_netann_100more_losses", "09_weight_decay_losses", "10_dropout_losses", "11_lr_finder",
                        "12_lr001_losses"),
                spec.charts().stream().map(ChartSpec::file).toList());
    }
}
