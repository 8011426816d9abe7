package org.l96.chart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.JFreeChart;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;

/**
 * Writes a chart as a PNG at print resolution and as a vector PDF (through PDFBox), each first to a temporary file
 * in the target folder and then renamed into place, so an interrupted run never leaves a half-written figure.
 *
 * <p>Sizes are in chart units of 1/100 inch: the default 800 × 500 is an 8 × 5 inch figure, a PNG of 1600 × 1000
 * pixels at scale 2 (200 dpi, recorded in the file) and a PDF page of 576 × 360 points. Rendering needs no display:
 * this class sets {@code java.awt.headless=true} unless the property was set already.
 */
public final class ChartFiles {

    static {
        headless();
    }

    /** Default width, in chart units (1/100 inch). */
    public static final int WIDTH = 800;
    /** Default height, in chart units (1/100 inch). */
    public static final int HEIGHT = 500;
    /** Default pixels per chart unit of the PNG: 2 gives 200 dpi. */
    public static final double SCALE = 2;

    private static final double UNITS_PER_INCH = 100;
    private static final float PDF_POINTS_PER_UNIT = (float) (72 / UNITS_PER_INCH);

    /** The files written: the PNG and the PDF. */
    public record Written(Path png, Path pdf) {
        public List<Path> all() {
            return List.of(png, pdf);
        }
    }

    private ChartFiles() {
    }

    /** Sets {@code java.awt.headless=true} unless the property was set: charts render off screen. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Writes {@code base.png} (1600 × 1000 pixels, 200 dpi) and {@code base.pdf} (8 × 5 inches); the folders are
     * created as needed. A {@code .png} or {@code .pdf} at the end of the name is dropped first.
     */
    public static Written write(JFreeChart chart, Path base) throws IOException {
        return write(chart, base, WIDTH, HEIGHT, SCALE);
    }

    /**
     * Writes {@code base.png} of {@code round(width*scale) × round(height*scale)} pixels and {@code base.pdf} of
     * {@code width × height} hundredths of an inch.
     */
    public static Written write(JFreeChart chart, Path base, int width, int height, double scale)
            throws IOException {
        Path b = stripExtension(base);
        Path png = b.resolveSibling(b.getFileName() + ".png");
        Path pdf = b.resolveSibling(b.getFileName() + ".pdf");
        writePng(chart, png, width, height, scale);
        writePdf(chart, pdf, width, height);
        return new Written(png, pdf);
    }

    /** Writes only the PNG, to exactly {@code file}. */
    public static Path writePng(JFreeChart chart, Path file, int width, int height, double scale)
            throws IOException {
        BufferedImage image = renderImage(chart, width, height, scale);
        atomically(file, out -> PngWriter.write(image, scale * UNITS_PER_INCH, out));
        return file;
    }

    /** Writes only the PDF, to exactly {@code file}. */
    public static Path writePdf(JFreeChart chart, Path file, int width, int height) throws IOException {
        atomically(file, out -> encodePdf(chart, width, height, out));
        return file;
    }

    /**
     * Draws a small chart to memory, as PNG pixels and as PDF: loads the fonts, Java2D and the PDF library (about two
     * seconds the first time in a JVM) before the first real figure needs them.
     */
    public static void warmUp() throws IOException {
        headless();
        JFreeChart chart = Figures.function("warm-up", "x", "y", 0, 1, x -> x);
        renderImage(chart, 200, 125, 1);
        encodePdf(chart, 200, 125, OutputStream.nullOutputStream());
    }

    /** The chart drawn on a white RGB image of {@code round(width*scale) × round(height*scale)} pixels. */
    public static BufferedImage renderImage(JFreeChart chart, int width, int height, double scale) {
        Objects.requireNonNull(chart, "chart");
        checkSize(width, height);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale " + scale);
        }
        int pw = (int) Math.round(width * scale);
        int ph = (int) Math.round(height * scale);
        BufferedImage image = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, pw, ph);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void encodePdf(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
        Objects.requireNonNull(chart, "chart");
        checkSize(width, height);
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(width * PDF_POINTS_PER_UNIT, height * PDF_POINTS_PER_UNIT));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, width, height); // text is drawn as outlines
            try {
                chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
            } finally {
                g.dispose();
            }
            PDFormXObject form = g.getXFormObject();
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.transform(Matrix.getScaleInstance(PDF_POINTS_PER_UNIT, PDF_POINTS_PER_UNIT));
                content.drawForm(form);
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            String title = chart.getTitle() == null ? null : chart.getTitle().getText();
            if (title != null) {
                info.setTitle(title);
            }
            info.setCreator("l96");
            // a fixed file identifier (PDFBox would derive one from the clock) keeps equal charts byte-identical
            COSArray id = new COSArray();
            byte[] digest = digest(String.valueOf(title) + "|" + width + "x" + height);
            id.add(new COSString(digest));
            id.add(new COSString(digest));
            doc.getDocument().getTrailer().setItem(COSName.ID, id);
            doc.save(out);
        }
    }

    private static byte[] digest(String s) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)),
                    16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("chart size " + width + " x " + height);
        }
    }

    static Path stripExtension(Path base) {
        Objects.requireNonNull(base, "base");
        Path name = base.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("not a file name: " + base);
        }
        String n = name.toString();
        String lower = n.toLowerCase(Locale.ROOT);
        if ((lower.endsWith(".png") || lower.endsWith(".pdf")) && n.length() > 4) {
            return base.resolveSibling(n.substring(0, n.length() - 4));
        }
        return base;
    }

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} through a temporary file in the same folder, renamed into place when complete (an
     * atomic replace where the file system allows it); the temporary file is removed on failure.
     */
    static void atomically(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try { // a temporary file is private (0600); a figure is for everyone to read
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its defaults apply
            }
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
