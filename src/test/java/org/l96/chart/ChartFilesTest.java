package org.l96.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartFilesTest {

    @TempDir
    Path dir;

    /** One chart from each factory. */
    static Map<String, JFreeChart> everyKind() {
        Map<String, JFreeChart> all = new LinkedHashMap<>();
        double[] x = {0, 1, 2, 3};
        double[] y = {1, -1, 2, Double.NaN};
        all.put("scatter", Figures.scatter("s", "State", "Subgrid tendency", x, y));
        all.put("lines", Figures.lines("l", "Time", "X", List.of(Series.line("a", x, y), Series.points("b", x, x))));
        all.put("function", Figures.function("ReLU", "x", "y", -2, 2, v -> Math.max(0, v)));
        all.put("loss", Figures.lossCurves("loss", new double[] {3, 2, 1}, new double[] {4, 3, 2}));
        all.put("lr", Figures.lrRangeTest("lr", new double[] {1e-5, 1e-3, 1e-1}, new double[] {3, 2, 5}, 1e-3));
        all.put("schedule", Figures.lrSchedule("sched", new double[] {1e-3, 2e-3, 1e-3}));
        all.put("band", Figures.withBand("band", "Lead", "RMSE", List.of(new BandSeries("a", x, x,
                new double[] {-1, 0, 1, 2}, new double[] {1, 2, 3, 4}))));
        all.put("pdfs", Figures.histogramPdfs("pdf", "X", List.of(Series.line("t", x, x))));
        all.put("acf", Figures.autocorrelation("acf", "Lag", List.of(Series.line("t", x, x))));
        all.put("heatmap", Figures.heatmap("heat", "lr", "width", new double[] {1e-3, 1e-2},
                new double[] {8, 16, 32}, new double[][] {{1, 2}, {3, 4}, {5, Double.NaN}}, "MSE"));
        return all;
    }

    @Test
    void everyFactoryWritesAPrintPngAndAVectorPdf() throws IOException {
        for (var e : everyKind().entrySet()) {
            ChartFiles.Written w = ChartFiles.write(e.getValue(), dir.resolve(e.getKey()));
            assertEquals(dir.resolve(e.getKey() + ".png"), w.png());
            assertEquals(dir.resolve(e.getKey() + ".pdf"), w.pdf());
            assertEquals(List.of(w.png(), w.pdf()), w.all());

            BufferedImage png = ImageIO.read(w.png().toFile());
            assertEquals(1600, png.getWidth(), e.getKey());
            assertEquals(1000, png.getHeight(), e.getKey());
            assertTrue(colours(png) > 20, e.getKey() + ": anti-aliased drawing has many shades");

            byte[] pdf = Files.readAllBytes(w.pdf());
            assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertEquals(1, doc.getNumberOfPages());
                PDRectangle box = doc.getPage(0).getMediaBox();
                assertEquals(576, box.getWidth(), 0.01, "8 inches");
                assertEquals(360, box.getHeight(), 0.01, "5 inches");
                assertEquals(e.getValue().getTitle().getText(), doc.getDocumentInformation().getTitle());
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2 * everyKind().size(), files.count(), "no temporary files left");
        }
    }

    private static int colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void thePdfDrawsTheSameChartAsThePng() throws IOException {
        JFreeChart chart = Figures.lossCurves("loss", new double[] {3, 2, 1}, new double[] {4, 3, 2});
        ChartFiles.Written w = ChartFiles.write(chart, dir.resolve("loss"));
        try (PDDocument doc = Loader.loadPDF(w.pdf().toFile())) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 100);
            assertEquals(800, page.getWidth(), 1);
            assertEquals(500, page.getHeight(), 1);
            BufferedImage png = ImageIO.read(w.png().toFile());
            // the two lines' colours appear in both, and the pictures agree at a coarse scale
            assertTrue(hasColour(page, Palette.BLUE) && hasColour(page, Palette.RED));
            assertTrue(hasColour(png, Palette.BLUE) && hasColour(png, Palette.RED));
            int differing = 0;
            int cells = 0;
            for (int cy = 0; cy < 10; cy++) {
                for (int cx = 0; cx < 16; cx++) {
                    cells++;
                    if (Math.abs(darkness(page, cx * 50, cy * 50, 50, 1) - darkness(png, cx * 100, cy * 100, 100, 2))
                            > 0.05) {
                        differing++;
                    }
                }
            }
            assertTrue(differing <= cells / 10, differing + " of " + cells + " cells differ");
        }
    }

    private static boolean hasColour(BufferedImage image, Color c) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Mean darkness (0 white .. 1 black) of a square. */
    private static double darkness(BufferedImage image, int x0, int y0, int size, int step) {
        double sum = 0;
        int n = 0;
        for (int y = y0; y < Math.min(y0 + size, image.getHeight()); y += step) {
            for (int x = x0; x < Math.min(x0 + size, image.getWidth()); x += step) {
                Color c = new Color(image.getRGB(x, y));
                sum += 1 - (c.getRed() + c.getGreen() + c.getBlue()) / 765.0;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    @Test
    void aLargeScatterMakesASmallPdf() throws IOException {
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            y[i] = r.nextGaussian();
        }
        ChartFiles.Written w = ChartFiles.write(Figures.scatter("many", "x", "y", x, y), dir.resolve("many"));
        assertTrue(Files.size(w.pdf()) < 600_000, "a dot is a short stroke: " + Files.size(w.pdf()));
        try (PDDocument doc = Loader.loadPDF(w.pdf().toFile())) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 100);
            assertTrue(hasColour(page, Palette.BLUE), "the dots show in the PDF");
        }
    }

    @Test
    void thePngRecordsItsResolution() throws IOException {
        Path png = ChartFiles.write(Figures.lossCurves("t", new double[] {1, 2}, null), dir.resolve("r")).png();
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata meta = reader.getImageMetadata(0);
            Element root = (Element) meta.getAsTree("javax_imageio_1.0");
            NodeList h = root.getElementsByTagName("HorizontalPixelSize");
            assertEquals(1, h.getLength());
            double mmPerPixel = Double.parseDouble(((Element) h.item(0)).getAttribute("value"));
            assertEquals(25.4 / 200, mmPerPixel, 1e-4, "200 dpi");
            reader.dispose();
        }
    }

    @Test
    void sizeScaleAndNames() throws IOException {
        JFreeChart chart = Figures.function("f", "x", "y", 0, 1, v -> v * v);
        ChartFiles.Written w = ChartFiles.write(chart, dir.resolve("sub/folder/fig.png"), 400, 300, 1.5);
        assertEquals(dir.resolve("sub/folder/fig.png"), w.png(), "the extension is not doubled");
        assertEquals(dir.resolve("sub/folder/fig.pdf"), w.pdf());
        BufferedImage png = ImageIO.read(w.png().toFile());
        assertEquals(600, png.getWidth());
        assertEquals(450, png.getHeight());
        try (PDDocument doc = Loader.loadPDF(w.pdf().toFile())) {
            assertEquals(288, doc.getPage(0).getMediaBox().getWidth(), 0.01);
        }
        assertEquals(dir.resolve("a.b"), ChartFiles.stripExtension(dir.resolve("a.b")));
        assertEquals(dir.resolve("x"), ChartFiles.stripExtension(dir.resolve("x.PDF")));
        assertThrows(IllegalArgumentException.class, () -> ChartFiles.write(chart, dir.resolve("z"), 0, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> ChartFiles.renderImage(chart, 10, 10, 0));
    }

    @Test
    void equalChartsGiveIdenticalFiles() throws IOException {
        ChartFiles.Written a = ChartFiles.write(ChartFilesTest.everyKind().get("lr"), dir.resolve("a"));
        ChartFiles.Written b = ChartFiles.write(ChartFilesTest.everyKind().get("lr"), dir.resolve("b"));
        assertArrayEquals(Files.readAllBytes(a.png()), Files.readAllBytes(b.png()));
        assertArrayEquals(Files.readAllBytes(a.pdf()), Files.readAllBytes(b.pdf()));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("fig.png");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> ChartFiles.atomically(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
        assertThrows(IllegalStateException.class, () -> ChartFiles.atomically(dir.resolve("new.png"), out -> {
            throw new IllegalStateException("bug");
        }));
        assertFalse(Files.exists(dir.resolve("new.png")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aWriteReplacesTheOldFigureWhole() throws IOException {
        Path base = dir.resolve("fig");
        ChartFiles.write(Figures.function("f", "x", "y", 0, 1, v -> v), base);
        ChartFiles.Written w = ChartFiles.write(Figures.function("g", "x", "y", 0, 1, v -> -v), base);
        try (PDDocument doc = Loader.loadPDF(w.pdf().toFile())) {
            assertEquals("g", doc.getDocumentInformation().getTitle());
        }
        assertEquals(1600, ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(w.png()))).getWidth());
    }

    @Test
    void rendersHeadless() {
        ChartFiles.renderImage(Figures.function("f", "x", "y", 0, 1, v -> v), 100, 100, 1);
        assertTrue(java.awt.GraphicsEnvironment.isHeadless());
        assertEquals("true", System.getProperty("java.awt.headless"),
                "ChartFiles sets java.awt.headless unless the caller did");
    }
}
