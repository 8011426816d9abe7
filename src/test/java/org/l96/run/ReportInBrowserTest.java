package org.l96.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.dsl.ScriptLoader;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecValidator;
import org.l96.testsupport.Needs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A tiny experiment with forecast and climate evaluations and their figures, its report.html opened in headless
 * Chromium: every figure must decode. Needs {@code chromium} on the PATH (Debian: apt-get install chromium): skipped
 * without it, a failure under CI (see {@link Needs}).
 */
class ReportInBrowserTest {
    private static final Pattern LOADED = Pattern.compile("data-images-loaded=\"(\\d+)\"");
    private static final Pattern TOTAL = Pattern.compile("data-images-total=\"(\\d+)\"");

    @TempDir
    Path dir;

    @Test
    void everyFigureOfTheReportLoadsInChromium() throws Exception {
        // skipped without a browser (Debian: apt-get install -y chromium), a failure under CI
        Path chromium = Needs.command("chromium", "chromium-browser", "google-chrome");

        Path script = dir.resolve("tiny.groovy");
        Files.writeString(script, """
                experiment('tiny-report') {
                    seed 5
                    simulate { sampleEvery 0.01; samples 3000 }
                    data { validation fraction: 0.2; batchSize 256 }
                    network('net') { nonLocal(); layers { dense 8, relu; dense 8 }; train { epochs 1 } }
                    polynomial('cubic') { fitDegree 3 }
                    forecast('skill') { compare 'cubic', 'net'; initialConditions 10; every 2; lead 1; bootstrap 100 }
                    climate('clim') { compare 'none', 'cubic'; duration 10; spinUp 1; maxLag 1 }
                    charts {
                        rmseByLead 'skill'
                        anomalyCorrelation 'skill'
                        pdfs 'clim'
                        autocorrelation 'clim'
                        lrSchedule 'net'
                        lossCurves 'net'
                    }
                }
                """);
        ExperimentSpec spec = SpecValidator.requireValid(ScriptLoader.load(script));
        Runner.Result result = new Runner(dir.resolve("out"), new PrintStream(new ByteArrayOutputStream()), false, 2)
                .run(spec, Planner.plan(spec), true);
        assertTrue(result.ok(), "failed stages: " + result.failed());
        Path report = result.experimentDir().resolve("report").resolve("report.html");
        String html = Files.readString(report);
        assertTrue(html.contains("Forecast skill and climate"), "the report has no forecast/climate table");
        assertTrue(html.contains("Hellinger H"));

        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"),
                "--virtual-time-budget=10000", "--dump-dom", report.toUri().toString())
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        byte[] dom = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish");
        }
        String out = new String(dom, StandardCharsets.UTF_8);
        Matcher loaded = LOADED.matcher(out);
        Matcher total = TOTAL.matcher(out);
        assertTrue(loaded.find() && total.find(), "the page's load script did not run; chromium said:\n"
                + Files.readString(dir.resolve("chromium.log")));
        assertEquals(6, Integer.parseInt(total.group(1)), "figures in the report");
        assertEquals(total.group(1), loaded.group(1), "figures that decoded in the browser");
    }
}
