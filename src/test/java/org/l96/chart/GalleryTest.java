package org.l96.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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

    /** The twelve figures render to PNG and PDF. How fast is {@code l96 bench}'s "12 figures" row. */
    @Test
    void twelveNotebookFiguresRender() throws IOException {
        Path out = folder();
        Map<String, JFreeChart> figs = NotebookFigures.twelve();
        for (var e : figs.entrySet()) {
            ChartFiles.write(e.getValue(), out.resolve(e.getKey()));
        }
        assertEquals(12, figs.size());
        for (String name : figs.keySet()) {
            assertTrue(Files.size(out.resolve(name + ".png")) > 10_000, name);
            assertTrue(Files.size(out.resolve(name + ".pdf")) > 1_000, name);
        }
    }

    @Test
    void theBenchmarksTwelveFiguresBuild() {
        assertEquals(12, ChartBenchmark.figures().size());
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
