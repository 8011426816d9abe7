package org.l96.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.l96.cli.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole seed notebook through {@code l96 run}, checked against the PyTorch reference run
 * ({@code ../shared/notes/reference-run.md}) within run-to-run spread: our networks draw other random numbers than
 * PyTorch's, so losses agree statistically, not to the digit. Runs in CI (CI=true) or with -Dl96.e2e=true; it takes
 * about a minute.
 */
@EnabledIf(value = "enabled", disabledReason = "long (~1 min): runs under CI=true or with -Dl96.e2e=true")
class SeedNotebookEndToEndTest {

    static boolean enabled() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("l96.e2e");
    }

    private static double metric(JsonNode m, String dotted) {
        JsonNode n = m;
        for (String part : dotted.split("\\.")) {
            n = n.get(part);
            if (n == null) {
                throw new AssertionError("manifest has no metrics." + dotted);
            }
        }
        return n.asDouble();
    }

    private static void within(JsonNode m, String dotted, double low, double high) {
        double v = metric(m, dotted);
        assertTrue(v >= low && v <= high, dotted + " = " + v + ", expected within [" + low + ", " + high + "]");
    }

    @Test
    void reproducesTheNotebook(@TempDir Path out) throws IOException {
        int code = Main.execute("run", "examples/seed-notebook.groovy", "--out", out.toString());
        assertEquals(0, code);
        Path exp = out.resolve("seed-notebook");
        JsonNode metrics = new ObjectMapper().readTree(exp.resolve("manifest.json").toFile()).get("metrics");

        // final losses (reference: 4.00, 2.35, 2.11, 4.29, 16.8, 2.62)
        within(metrics, "networks.linear.finalValLoss", 3.6, 4.4);
        within(metrics, "networks.ann.finalValLoss", 2.0, 2.8);
        within(metrics, "networks.ann-150.finalValLoss", 1.8, 2.45);
        within(metrics, "networks.ann-decay.finalValLoss", 3.7, 4.9);
        within(metrics, "networks.ann-dropout.finalValLoss", 13, 20);
        within(metrics, "networks.ann-lr001.finalValLoss", 2.1, 3.0);

        // the linear network's weights, used as the notebook's "linear parameterization" (ascending: bias, slope)
        JsonNode coefficients = metrics.get("online").get("T10").get("linear-poly").get("coefficients");
        assertEquals(-0.7608, coefficients.get(0).asDouble(), 0.1);
        assertEquals(-0.8548, coefficients.get(1).asDouble(), 0.05);

        // online: mean |error| over the first 200 steps from the last truth state: none 4.88, linear 2.10 (the
        // world's trajectory is the notebook's exactly, so these agree closely)
        within(metrics, "online.T10.none.meanAbsErrorFirst2TimeUnits", 4.7, 5.05);
        within(metrics, "online.T10.linear-poly.meanAbsErrorFirst2TimeUnits", 1.9, 2.3);

        // 100 initial conditions: 1-layer local 54829, 3-layer global 35664; ratio about 0.65
        double local = metric(metrics, "online.ics.linear.sumAbsError");
        double global = metric(metrics, "online.ics.ann.sumAbsError");
        assertTrue(local > 50_000 && local < 60_000, "1-layer error sum " + local);
        assertTrue(global / local > 0.55 && global / local < 0.8, "ratio " + global / local);

        // LR range test suggestion near the notebook's 1e-2 (steepest descent of the smoothed loss)
        within(metrics, "lrRangeTest.ann-lr.suggestedLr", 1e-3, 0.1);

        // all twelve figures, PNG and PDF, and the report
        try (Stream<Path> files = Files.walk(exp)) {
            long pngs = files.filter(p -> p.toString().endsWith(".png")).count();
            assertEquals(12, pngs);
        }
        assertTrue(Files.size(exp.resolve("report/report.html")) > 100_000);

        // a second run reuses everything
        assertEquals(0, Main.execute("run", "examples/seed-notebook.groovy", "--out", out.toString()));
        JsonNode stages = new ObjectMapper().readTree(exp.resolve("manifest.json").toFile()).get("stages");
        stages.forEach(s -> assertTrue(s.get("cached").asBoolean(), s.get("name").asText() + " was not reused"));
    }
}
