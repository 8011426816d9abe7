package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.chart.Palette;
import org.jfree.chart.axis.LogAxis;
import org.l96.data.Npy;
import org.l96.data.Split;
import org.l96.dsl.ScriptLoader;
import org.l96.nn.History;
import org.l96.run.stages.ChartStage;
import org.l96.run.stages.EvaluationOutputs;
import org.l96.run.stages.ReportStage;
import org.l96.spec.ChartSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Charts a scientist can compare (issue #14 §4), read from the charts' data, not their pixels: one colour per scheme
 * in every figure of a run, several networks' losses on a log axis with the restored epoch marked, the coupling term
 * against X with the fitted polynomial, a Hovmöller chart of the truth and a coarse run, and the report's tables.
 */
class ComparableChartsTest {
    @TempDir
    static Path dir;
    static ExperimentSpec spec;
    static Path exp;

    @BeforeAll
    static void run() throws IOException {
        Path script = dir.resolve("c.groovy");
        Files.writeString(script, """
                experiment('c') {
                    seed 3
                    world { k 8; j 8 }
                    simulate { samples 1500 }
                    data { validation fraction: 0.2; batchSize 128 }
                    network('early') {
                        layers { dense 8 }
                        // no epoch after the first improves by 1e9: it stops after epoch 2, restoring epoch 1
                        train { epochs 5; earlyStopping patience: 1, minDelta: 1e9, restoreBest: true }
                    }
                    network('plain') { layers { dense 8, relu; dense 8 }; train { epochs 3 } }
                    polynomial('cubic') { fitDegree 3 }
                    trajectory('T') { start(-1); duration 1; compare 'none', 'cubic', 'plain' }
                    ensemble('E') { compare 'none', 'cubic'; initialConditions 3; every 0.5; duration 0.5 }
                    climate('C') { compare 'cubic', 'none'; duration 5; spinUp 1; maxLag 1 }
                    forecast('F') { compare 'cubic'; initialConditions 4; every 1; lead 1; bootstrap 20; members 3 }
                    charts {
                        trajectories 'T', steps: 50
                        pdfs 'C'
                        predictions 'plain', samples: 50
                        lossComparison 'early', 'plain', log: true
                        lossCurves 'early'
                        couplingScatter 'cubic', samples: 400
                        hovmoller 'T', scheme: 'cubic', steps: 60
                        spreadByLead 'F'
                    }
                }
                """);
        spec = ScriptLoader.load(script);
        Path out = dir.resolve("out");
        Runner.Result r = ExperimentRunner.inFolder(out).parallel(1).log(new PrintStream(new ByteArrayOutputStream()))
                .run(spec);
        assertTrue(r.ok(), () -> r.stages().toString());
        exp = out.resolve("c");
    }

    /** The chart as its stage draws it from this run's outputs. */
    private static JFreeChart draw(String file) throws Exception {
        ChartSpec c = spec.charts().stream().filter(x -> x.file().equals(file)).findFirst().orElseThrow();
        ChartStage stage = new ChartStage(spec, c);
        Map<String, Path> inputs = new HashMap<>();
        for (String in : stage.inputs()) {
            inputs.put(in, exp.resolve(in));
        }
        ProgressReporter progress = new ProgressReporter(new PrintStream(new ByteArrayOutputStream()), false, 0, "t");
        return stage.draw(new StageContext(stage, dir.resolve("scratch"), inputs, spec, progress.start(file),
                new CancelToken(), new ConcurrentHashMap<>()));
    }

    /** The paint of the series whose legend label starts with {@code label}. */
    private static Paint paintOf(XYPlot plot, String label) {
        XYDataset d = plot.getDataset();
        for (int i = 0; i < d.getSeriesCount(); i++) {
            if (d.getSeriesKey(i).toString().startsWith(label)) {
                return plot.getRenderer().getSeriesPaint(i);
            }
        }
        throw new AssertionError("no series '" + label + "'");
    }

    private static int seriesOf(XYDataset d, String label) {
        for (int i = 0; i < d.getSeriesCount(); i++) {
            if (d.getSeriesKey(i).toString().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("no series '" + label + "'");
    }

    @Test
    void eachSchemeHasOneColourInEveryFigure() throws Exception {
        XYPlot traj = draw("trajectories_T").getXYPlot();
        XYPlot pdfs = draw("pdfs_C").getXYPlot();
        // the truth, none, the polynomials, the networks in declaration order
        assertEquals(Palette.colour(0), paintOf(traj, "Two-scale truth"));
        assertEquals(Palette.colour(1), paintOf(traj, "No parameterization"));
        assertEquals(Palette.colour(2), paintOf(traj, "Polynomial cubic"));
        assertEquals(Palette.colour(4), paintOf(traj, "Network plain"));
        // the same in a figure that compares them in another order, with an extra truth run
        assertEquals(paintOf(traj, "No parameterization"), paintOf(pdfs, "No parameterization"));
        assertEquals(paintOf(traj, "Polynomial cubic"), paintOf(pdfs, "Polynomial cubic"));
        assertEquals(paintOf(traj, "Two-scale truth"), paintOf(pdfs, "Two-scale truth"));
        assertEquals(Palette.colour(5), paintOf(pdfs, "Second truth run"));
        XYPlot pred = draw("predictions_plain").getXYPlot();
        assertEquals(paintOf(traj, "Network plain"), paintOf(pred, "Predicted (plain)"));
        assertEquals(paintOf(traj, "Two-scale truth"), paintOf(pred, "True"));
        XYPlot spread = draw("spreadByLead_F").getXYPlot();
        assertEquals(paintOf(traj, "Polynomial cubic"), paintOf(spread, "Polynomial cubic RMSE"));
        assertEquals(paintOf(traj, "Polynomial cubic"), paintOf(spread, "Polynomial cubic spread"));
        assertEquals(paintOf(traj, "No parameterization"), paintOf(spread, "No parameterization RMSE"));
        XYPlot losses = draw("lossComparison_early_plain").getXYPlot();
        assertEquals(paintOf(traj, "Network plain"), paintOf(losses, "plain: validation loss"));
        assertEquals(Palette.colour(3), paintOf(losses, "early: validation loss"));
    }

    @Test
    void severalNetworksLossesOnALogAxisWithTheRestoredEpoch() throws Exception {
        JFreeChart chart = draw("lossComparison_early_plain");
        XYPlot plot = chart.getXYPlot();
        assertInstanceOf(LogAxis.class, plot.getRangeAxis(), "log: true puts the loss axis on a log scale");
        XYDataset d = plot.getDataset();
        // per network: validation, training; 'early' also its restored epoch
        assertEquals(5, d.getSeriesCount());
        for (String n : new String[] {"early", "plain"}) {
            History h = History.read(exp.resolve("train-" + n).resolve("history.json"));
            int val = seriesOf(d, n + ": validation loss");
            int train = seriesOf(d, n + ": training loss");
            assertEquals(h.epochs().size(), d.getItemCount(val));
            for (int e = 0; e < h.epochs().size(); e++) {
                assertEquals(e + 1, d.getXValue(val, e));
                assertEquals(h.valLosses()[e], d.getYValue(val, e));
                assertEquals(h.trainLosses()[e], d.getYValue(train, e));
            }
        }
        JsonNode early = manifest().path("metrics").path("networks").path("early");
        assertTrue(early.path("restoredBest").asBoolean(), early.toString());
        int kept = early.path("keptEpoch").asInt();
        assertEquals(1, kept);
        int marker = seriesOf(d, "early: restored epoch 1");
        assertEquals(1, d.getItemCount(marker));
        assertEquals(kept, d.getXValue(marker, 0));
        History h = History.read(exp.resolve("train-early").resolve("history.json"));
        assertEquals(h.valLosses()[kept - 1], d.getYValue(marker, 0));
        assertEquals(1, plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(),
                "one restored epoch: one vertical line");

        // the single network's chart: blue and red as before, and the same marker; linear axis by default
        XYPlot one = draw("lossCurves_early").getXYPlot();
        assertFalse(one.getRangeAxis() instanceof LogAxis);
        assertEquals(Palette.BLUE, paintOf(one, "Training loss"));
        assertEquals(Palette.RED, paintOf(one, "Validation loss"));
        int m = seriesOf(one.getDataset(), "restored epoch 1");
        assertEquals(h.valLosses()[0], one.getDataset().getYValue(m, 0));
    }

    private static JsonNode manifest() throws IOException {
        return SpecJson.mapper().readTree(exp.resolve("manifest.json").toFile());
    }

    @Test
    void theCouplingScatterHasTheTrainingPairsAndTheFittedPolynomial() throws Exception {
        XYPlot plot = draw("couplingScatter_cubic").getXYPlot();
        XYDataset d = plot.getDataset();
        assertEquals(2, d.getSeriesCount());
        double[] x = Npy.read(exp.resolve("simulate").resolve(SimulationFiles.X)).data();
        double[] u = Npy.read(exp.resolve("simulate").resolve(SimulationFiles.COUPLING)).data();
        int k = spec.world().k();
        // the seed target's row 0 is a placeholder (zeros): neither drawn nor fitted
        int trainPairs = Split.of(x.length / k, spec.data()).trainRows() * k;
        int pairs = trainPairs - k;
        assertEquals(400, d.getItemCount(0));
        for (int i : new int[] {0, 1, 199, 399}) {
            int at = k + (int) ((long) i * pairs / 400);
            assertEquals(x[at], d.getXValue(0, i));
            assertEquals(u[at], d.getYValue(0, i));
        }
        for (int i = 0; i < 400; i++) {
            assertTrue(d.getYValue(0, i) != 0.0, "no placeholder pair (X_k(0), 0) at " + i);
        }
        JsonNode c = manifest().path("metrics").path("polynomials").path("cubic").path("coefficients");
        assertEquals(4, c.size());
        double[] fromRow1 = org.l96.eval.PolynomialFit.fit(java.util.Arrays.copyOfRange(x, k, trainPairs),
                java.util.Arrays.copyOfRange(u, k, trainPairs), 3);
        double[] fromRow0 = org.l96.eval.PolynomialFit.fit(x, u, trainPairs, 3);
        for (int i = 0; i < 4; i++) {
            assertEquals(fromRow1[3 - i], c.get(i).asDouble(), 1e-12 * Math.max(1, Math.abs(fromRow1[3 - i])),
                    "the fit leaves row 0 out");
        }
        assertTrue(Math.abs(fromRow0[3] - fromRow1[3]) > 1e-9, "row 0 would move the fit (the test can tell)");
        for (int i = 0; i < d.getItemCount(1); i += 50) {
            double xi = d.getXValue(1, i);
            double expected = c.get(0).asDouble() + c.get(1).asDouble() * xi + c.get(2).asDouble() * xi * xi
                    + c.get(3).asDouble() * xi * xi * xi;
            assertEquals(expected, d.getYValue(1, i), 1e-9 * Math.max(1, Math.abs(expected)));
        }
        assertTrue(d.getSeriesKey(1).toString().startsWith("Polynomial cubic: "), d.getSeriesKey(1).toString());
        assertEquals(Palette.colour(2), plot.getRenderer().getSeriesPaint(1), "the polynomial in its scheme colour");
    }

    @Test
    void theHovmollerChartShowsTheTruthAndTheCoarseRun() throws Exception {
        JFreeChart chart = draw("hovmoller_T");
        CombinedDomainXYPlot plot = assertInstanceOf(CombinedDomainXYPlot.class, chart.getXYPlot());
        assertEquals(2, plot.getSubplots().size());
        Path eval = exp.resolve("evaluate-T");
        Npy.Array truth = Npy.read(eval.resolve(EvaluationOutputs.TRUTH));
        Npy.Array cubic = Npy.read(EvaluationOutputs.trajectory(eval, "cubic"));
        double[] time = Npy.read(eval.resolve(EvaluationOutputs.TIME)).data();
        int k = spec.world().k();
        Npy.Array[] runs = {truth, cubic};
        for (int p = 0; p < 2; p++) {
            XYZDataset d = (XYZDataset) ((XYPlot) plot.getSubplots().get(p)).getDataset();
            assertEquals(60 * k, d.getItemCount(0), "steps: 60 of the sample interval: 60 rows × K");
            for (int item : new int[] {0, 7, 8 * 60 - 1, 3 * 60 + 17}) {
                int kk = item / 60;
                int row = item % 60;
                assertEquals(time[row], d.getXValue(0, item));
                assertEquals(kk, d.getYValue(0, item));
                assertEquals(runs[p].data()[row * k + kk], d.getZValue(0, item));
            }
        }
        // each panel named in its corner, the axis saying only "k" (a long name would run into the other panel)
        XYPlot lower = (XYPlot) plot.getSubplots().get(1);
        assertEquals("k", lower.getRangeAxis().getLabel());
        var name = assertInstanceOf(org.jfree.chart.annotations.XYTitleAnnotation.class, lower.getAnnotations().get(0));
        assertTrue(((org.jfree.chart.title.TextTitle) name.getTitle()).getText().startsWith("Polynomial cubic"));
        assertEquals("Two-scale truth", ((org.jfree.chart.title.TextTitle) ((org.jfree.chart.annotations
                .XYTitleAnnotation) ((XYPlot) plot.getSubplots().get(0)).getAnnotations().get(0)).getTitle()).getText());
    }

    @Test
    void theReportHasTablesOfTrajectoriesEnsemblesAndNetworks() throws IOException {
        String html = Files.readString(exp.resolve("report").resolve(ReportStage.FILE));
        JsonNode online = manifest().path("metrics").path("online");
        assertTrue(html.contains("<h3>Trajectory 'T'"), "a table for the trajectory");
        double mae = online.path("T").path("cubic").path("meanAbsError").asDouble();
        assertTrue(html.contains("<tr><th>cubic</th><td class=\"num\">" + ReportStage.number(mae, 4) + "</td>"),
                "its mean error at 4 significant digits: " + ReportStage.number(mae, 4));
        assertTrue(html.contains("<h3>Ensemble 'E'"), "a table for the ensemble");
        double sum = online.path("E").path("none").path("sumAbsError").asDouble();
        assertTrue(html.contains("<tr><th>none</th><td class=\"num\">" + ReportStage.number(sum, 4) + "</td>"));
        // the stable runs' fraction with its Wilson interval (0 of 3: [0, 0.5615]), the median's reason, the pair
        JsonNode ci = online.path("E").path("none").path("unstableFractionCi");
        assertEquals(0.0, ci.get(0).asDouble());
        assertEquals(0.5615, ci.get(1).asDouble(), 1e-4, "Wilson 95% upper end of 0/3");
        assertTrue(html.contains("<td class=\"num\">0 [0, " + ReportStage.number(ci.get(1).asDouble(), 4) + "]</td>"),
                "the fraction with its interval");
        assertTrue(html.contains("— (no run blew up)"), "why there is no median time to blow-up");
        assertTrue(html.contains("<tr><th>cubic − none</th>"), "the paired difference, each pair once");
        assertEquals(0.0, online.path("E").path("cubic").path("pairedDifferences").path("none")
                .path("unstableFractionDiff").asDouble(1));
        assertTrue(html.contains("<h4>Ensemble of 3 members, at lead 1</h4>"), "the ensemble forecast's table");
        JsonNode f = online.path("F").path("cubic");
        // a forecast's unstable fraction has its Wilson interval too: 0 of 4 ICs, upper end z²/(n + z²) = 0.4899
        assertEquals(0.0, f.path("unstableFraction").asDouble(1));
        assertEquals(0.4899, f.path("unstableFractionCi").get(1).asDouble(), 1e-4);
        int lead1 = -1;
        for (int i = 0; i < f.path("leads").size(); i++) {
            if (Math.abs(f.path("leads").get(i).asDouble() - 1) < 1e-9) {
                lead1 = i;
            }
        }
        assertTrue(lead1 >= 0, f.toString());
        assertTrue(html.contains("<tr><th>cubic</th><td class=\"num\">"
                + ReportStage.number(f.path("ensembleMeanRmseByLead").get(lead1).asDouble(), 4) + "</td><td class=\"num\">"
                + ReportStage.number(f.path("spreadByLead").get(lead1).asDouble(), 4) + "</td>"), "RMSE and spread at lead 1");
        assertTrue(html.contains("<h2>Networks</h2>"));
        JsonNode early = manifest().path("metrics").path("networks").path("early");
        assertTrue(html.contains("<tr><th>early</th><td class=\"num\">" + early.path("trainableParameters").asInt()
                + "</td><td class=\"num\">2</td><td>EARLY_STOPPED</td>"), "parameters and epochs as integers");
        assertNotNull(html);
    }
}
