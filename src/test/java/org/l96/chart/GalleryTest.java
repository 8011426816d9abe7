package org.l96.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the notebook's twelve figures and the other kinds from synthetic data, timing the first (cold) and later
 * (warm) rounds. The figures go to {@code -Dl96.chart.gallery=DIR} when given (to look at them), else to a
 * temporary folder.
 */
class GalleryTest {

    @TempDir
    Path tmp;

    private Path folder() {
        String dir = System.getProperty("l96.chart.gallery");
        return dir == null || dir.isBlank() ? tmp : Paths.get(dir);
    }

    @Test
    void twelveNotebookFiguresRenderQuickly() throws IOException {
        Path out = folder();
        long t0 = System.nanoTime();
        Map<String, JFreeChart> first = NotebookFigures.twelve();
        for (var e : first.entrySet()) {
            ChartFiles.write(e.getValue(), out.resolve(e.getKey()));
        }
        double cold = (System.nanoTime() - t0) / 1e9;

        int rounds = 3;
        double bestBoth = Double.MAX_VALUE;
        double bestPng = Double.MAX_VALUE;
        double bestPdf = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long a = System.nanoTime();
            Map<String, JFreeChart> figs = NotebookFigures.twelve();
            for (var e : figs.entrySet()) {
                ChartFiles.write(e.getValue(), out.resolve(e.getKey()));
            }
            long b = System.nanoTime();
            for (var e : NotebookFigures.twelve().entrySet()) {
                ChartFiles.writePng(e.getValue(), out.resolve(e.getKey() + ".png"), ChartFiles.WIDTH,
                        ChartFiles.HEIGHT, ChartFiles.SCALE);
            }
            long c = System.nanoTime();
            for (var e : NotebookFigures.twelve().entrySet()) {
                ChartFiles.writePdf(e.getValue(), out.resolve(e.getKey() + ".pdf"), ChartFiles.WIDTH,
                        ChartFiles.HEIGHT);
            }
            long d = System.nanoTime();
            bestBoth = Math.min(bestBoth, (b - a) / 1e9);
            bestPng = Math.min(bestPng, (c - b) / 1e9);
            bestPdf = Math.min(bestPdf, (d - c) / 1e9);
        }
        System.out.printf(Locale.ROOT, "chart timings, 12 notebook figures: first round (cold, PNG+PDF) %.3f s; "
                + "warm best of %d: PNG+PDF %.3f s, PNG only %.3f s, PDF only %.3f s%n", cold, rounds, bestBoth,
                bestPng, bestPdf);
        for (String name : first.keySet()) {
            assertTrue(Files.size(out.resolve(name + ".png")) > 10_000, name);
            assertTrue(Files.size(out.resolve(name + ".pdf")) > 1_000, name);
        }
        assertEquals(12, first.size());
        // generous: the reference drew its twelve PNGs in 1.1 s; a slow CI machine must not fail on timing alone
        assertTrue(bestBoth < 10, "12 figures took " + bestBoth + " s");
    }

    @Test
    void otherKindsRender() throws IOException {
        Path out = folder();
        for (var e : NotebookFigures.others().entrySet()) {
            var w = ChartFiles.write(e.getValue(), out.resolve(e.getKey()));
            assertTrue(Files.size(w.png()) > 10_000);
            assertTrue(Files.size(w.pdf()) > 1_000);
        }
    }
}
