package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.dsl.Experiment;
import org.l96.run.stages.EvaluateStage;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Evaluations at another forcing through the stages: their own truth, their own coarse model, their own key. */
class RegimeEvaluationTest {

    private static Experiment experiment() {
        return Experiment.named("regime").seed(3)
                .simulate(s -> s.samples(6000).spinUp(2))
                .polynomial("fixed", p -> p.coefficients(-0.85, -0.76))
                .ensemble("base", e -> e.compare("none", "fixed").initialConditions(5).every(1.0).duration(1))
                .ensemble("same", e -> e.compare("none", "fixed").initialConditions(5).every(1.0).duration(1)
                        .forcing(18))
                .ensemble("hot", e -> e.compare("none", "fixed").initialConditions(5).every(1.0).duration(1)
                        .forcing(24))
                .forecast("fbase", f -> f.compare("fixed").initialConditions(5).every(2).lead(1).bootstrap(20)
                        .ceiling(false))
                .forecast("fhot", f -> f.compare("fixed").initialConditions(5).every(2).lead(1).bootstrap(20)
                        .ceiling(false).forcing(24))
                .climate("cbase", c -> c.compare("none").duration(5).spinUp(1).maxLag(1))
                .climate("chot", c -> c.compare("none").duration(5).spinUp(1).maxLag(1).forcing(24))
                .trajectory("tbase", t -> t.compare("none").start(-1).duration(1))
                .trajectory("thot", t -> t.compare("none").start(-1).duration(1).forcing(24))
                .charts(c -> c.rmseByLead("fhot").pdfs("chot"));
    }

    /** The key of evaluation 'e' declared with {@code forcing} (null: not written). */
    private static String key(Double forcing, boolean climate) {
        Experiment x = Experiment.named("keys").polynomial("fixed", p -> p.coefficients(-0.85, -0.76));
        if (climate) {
            x.climate("e", c -> {
                c.compare("none", "fixed").duration(5);
                if (forcing != null) {
                    c.forcing(forcing);
                }
            });
        } else {
            x.ensemble("e", e -> {
                e.compare("none", "fixed").initialConditions(5);
                if (forcing != null) {
                    e.forcing(forcing);
                }
            });
        }
        return SpecJson.hash(new EvaluateStage(x.build(), "e").keyMaterial());
    }

    @Test
    void theStageKeyFollowsTheForcingAndTheWorldsOwnForcingIsTheDefault() {
        for (boolean climate : new boolean[]{false, true}) {
            assertEquals(key(null, climate), key(18.0, climate));
            assertNotEquals(key(null, climate), key(20.0, climate));
            assertNotEquals(key(20.0, climate), key(24.0, climate));
        }
    }

    @Test
    void atAnotherForcingTheTruthAndTheCoarseModelChange(@TempDir Path out) throws IOException {
        ExperimentRunner.inFolder(out).parallel(1).run(experiment().build());
        JsonNode online = new ObjectMapper().readTree(out.resolve("regime/manifest.json").toFile())
                .get("metrics").get("online");
        // the world's forcing written out is the default, to the last digit
        assertEquals(online.get("base"), online.get("same"));
        assertFalse(online.get("base").get("none").has("forcing"));
        assertEquals(24.0, online.get("hot").get("none").get("forcing").asDouble());

        double none18 = online.get("base").get("none").get("sumAbsError").asDouble();
        double none24 = online.get("hot").get("none").get("sumAbsError").asDouble();
        assertTrue(none24 > 0 && none18 > 0);
        assertNotEquals(none18, none24, 1e-6 * none18);

        double sigma18 = online.get("fbase").get("fixed").get("sigmaX").asDouble();
        double sigma24 = online.get("fhot").get("fixed").get("sigmaX").asDouble();
        assertTrue(sigma24 > sigma18, "σ_X at F=24 " + sigma24 + " vs F=18 " + sigma18);

        double var18 = online.get("cbase").get("truth").get("variance").asDouble();
        double var24 = online.get("chot").get("truth").get("variance").asDouble();
        assertTrue(var24 > var18, "climate variance at F=24 " + var24 + " vs F=18 " + var18);
        double traj18 = online.get("tbase").get("none").get("meanAbsError").asDouble();
        double traj24 = online.get("thot").get("none").get("meanAbsError").asDouble();
        assertTrue(traj18 > 0 && traj24 > 0 && traj18 != traj24, traj18 + " vs " + traj24);
        double[] truth24 = Npy.read(out.resolve("regime/evaluate-thot/truth.npy")).data();
        double[] truth18 = Npy.read(out.resolve("regime/evaluate-tbase/truth.npy")).data();
        assertNotEquals(truth18[0], truth24[0]);
        assertTrue(Files.readString(out.resolve("regime/report/report.html")).contains("at F = 24"));
        try (var files = Files.walk(out.resolve("regime"))) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".png")
                    && f.toString().contains("chart-")).count());
        }

        double mean18 = online.get("cbase").get("none").get("mean").asDouble();
        double mean24 = online.get("chot").get("none").get("mean").asDouble();
        assertTrue(mean24 > mean18, "coarse-model mean at F=24 " + mean24 + " vs F=18 " + mean18);
    }
}
