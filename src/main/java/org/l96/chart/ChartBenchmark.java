package org.l96.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jfree.chart.JFreeChart;

/**
 * Times drawing twelve figures shaped like the seed notebook's (a 1024-point scatter, loss curves of 1000 epochs,
 * trajectories of 3 × 1000 points, PDFs, autocorrelations, a heat map) from synthetic data, written as PNG and PDF
 * into a temporary folder that is removed afterwards. For {@code l96 bench}.
 */
public final class ChartBenchmark {

    /**
     * @param firstSeconds twelve figures, PNG and PDF, the first time (includes font and class loading)
     * @param pngSeconds   best of the timed rounds, PNG only
     * @param bothSeconds  best of the timed rounds, PNG and PDF
     */
    public record Result(double firstSeconds, double pngSeconds, double bothSeconds) {
    }

    private ChartBenchmark() {
    }

    public static Result measure(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("l96-chart-bench");
            long t0 = System.nanoTime();
            writeAll(figures(), dir, true);
            double first = (System.nanoTime() - t0) / 1e9;
            double png = Double.MAX_VALUE;
            double both = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long a = System.nanoTime();
                writeAll(figures(), dir, false);
                long b = System.nanoTime();
                writeAll(figures(), dir, true);
                long c = System.nanoTime();
                png = Math.min(png, (b - a) / 1e9);
                both = Math.min(both, (c - b) / 1e9);
            }
            return new Result(first, png, both);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary folder left behind is harmless
                }
            }
        }
    }

    private static void writeAll(List<JFreeChart> figs, Path dir, boolean pdfToo) throws IOException {
        for (int i = 0; i < figs.size(); i++) {
            Path base = dir.resolve("fig" + i);
            if (pdfToo) {
                ChartFiles.write(figs.get(i), base);
            } else {
                ChartFiles.writePng(figs.get(i), dir.resolve("fig" + i + ".png"), ChartFiles.WIDTH,
                        ChartFiles.HEIGHT, ChartFiles.SCALE);
            }
        }
    }

    /** The twelve figures, from a fixed seed. */
    static List<JFreeChart> figures() {
        Random r = new Random(14);
        List<JFreeChart> figs = new ArrayList<>();
        double[] state = gaussian(r, 1024, 2, 4.5);
        double[] tendency = new double[1024];
        for (int i = 0; i < tendency.length; i++) {
            tendency[i] = -1 - 6.5 * Math.tanh(state[i] / 5) + 1.8 * r.nextGaussian();
        }
        figs.add(Figures.scatter("One batch", "State", "Subgrid tendency", state, tendency));
        double[] t = Series.oneTo(1000);
        for (int f = 0; f < 4; f++) {
            figs.add(Figures.lossCurves("Loss " + f, decay(r, 1000, 9, 1), decay(r, 1000, 10, 1.3)));
        }
        for (int f = 0; f < 3; f++) {
            List<Series> s = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                s.add(Series.line("run " + k, t, wave(t, f + 0.3 * k)));
            }
            figs.add(Figures.lines("Trajectory " + f, "Time", "X", s));
        }
        double[] centres = new double[100];
        Arrays.setAll(centres, i -> -15 + 0.35 * i);
        double[] lag = new double[201];
        Arrays.setAll(lag, i -> 0.01 * i);
        for (int f = 0; f < 2; f++) {
            List<Series> pdfs = new ArrayList<>();
            List<Series> acfs = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                double w = 5 + k;
                double[] p = Arrays.stream(centres).map(x -> Math.exp(-x * x / (2 * w * w)) / (w * 2.5066)).toArray();
                double[] a = Arrays.stream(lag).map(l -> Math.exp(-l / (0.5 + 0.2 * w)) * Math.cos(3 * l)).toArray();
                pdfs.add(Series.line("scheme " + k, centres, p));
                acfs.add(Series.line("scheme " + k, lag, a));
            }
            figs.add(Figures.histogramPdfs("PDF " + f, "X", pdfs));
            figs.add(Figures.autocorrelation("ACF " + f, "Lag", acfs));
        }
        return figs;
    }

    private static double[] gaussian(Random r, int n, double mean, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * r.nextGaussian();
        }
        return v;
    }

    private static double[] decay(Random r, int n, double start, double rate) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.2 + start * Math.exp(-rate * i / 100.0) + 0.05 * Math.abs(r.nextGaussian());
        }
        return v;
    }

    private static double[] wave(double[] t, double phase) {
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double s = 0.01 * t[i];
            v[i] = 5 * (Math.sin(3.1 * s + phase) + 0.6 * Math.sin(7.3 * s + 2 * phase));
        }
        return v;
    }
}
