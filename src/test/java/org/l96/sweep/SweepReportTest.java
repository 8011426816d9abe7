package org.l96.sweep;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.spec.SpecJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics of several schemes (or networks) share one figure, a line each. */
class SweepReportTest {
    @Test
    void metricsThatDifferOnlyInTheSchemeShareAFigure() {
        Map<String, List<String>> f = SweepReport.families(List.of("networks.ann.finalValLoss",
                "networks.lin.finalValLoss", "online.skill.ann.vpt", "online.skill.none.vpt",
                "online.ics.ann.sumAbsError", "seconds"));
        assertEquals(List.of("networks.*.finalValLoss", "online.skill.*.vpt", "online.ics.*.sumAbsError", "seconds"),
                List.copyOf(f.keySet()));
        assertEquals(List.of("online.skill.ann.vpt", "online.skill.none.vpt"), f.get("online.skill.*.vpt"));
        assertEquals(List.of("seconds"), f.get("seconds"));
    }

    private static SweepResults.Row row(String id, Map<String, Object> metrics) {
        return new SweepResults.Row(id, Map.of("networks.ann.train.optimizer.lr", "0.1"), 0, 1, "ok", null, 1.0,
                metrics);
    }

    @Test
    void aNullMetricStaysNullAndHidesNoUnstableSeed() throws Exception {
        // an unstable scheme's metric is JSON null in the manifest: kept as null, not dropped, not a number
        JsonNode manifest = SpecJson.mapper().readTree("""
                {"online": {"T": {"wild": {"meanAbsError": null, "unstableAt": 0.09},
                                  "none": {"meanAbsError": 4.8, "unstableAt": null}}}}""");
        Map<String, Object> flat = new LinkedHashMap<>();
        SweepResults.flatten("", manifest, flat);
        assertTrue(flat.containsKey("online.T.wild.meanAbsError"));
        assertNull(flat.get("online.T.wild.meanAbsError"));
        assertEquals(0.09, flat.get("online.T.wild.unstableAt"));
        assertEquals(4.8, flat.get("online.T.none.meanAbsError"));

        // the mean over seeds of a point where one seed blew up is no number either
        Map<String, Object> stable = new LinkedHashMap<>(Map.of("m", 2.0));
        Map<String, Object> unstable = new LinkedHashMap<>();
        unstable.put("m", null);
        assertNull(SweepReport.stats(List.of(row("a", stable), row("b", unstable)), "m"));
        assertArrayEquals(new double[]{3.0, 2.0, 4.0}, SweepReport.stats(List.of(row("a", stable),
                row("c", Map.of("m", 4.0))), "m"));
        assertNull(SweepReport.stats(List.of(row("a", Map.of())), "m"), "no row has it");

        // summary rows write it as JSON null
        SweepPlan plan = new SweepPlan("s", "grid", List.of(new org.l96.spec.SweepSpec.Axis(
                "networks.ann.train.optimizer.lr", List.of("0.1"))), 1, 1, List.of());
        JsonNode json = org.l96.run.MetricsJson.toTree(SweepResults.row(plan, row("b", unstable)));
        assertTrue(json.has("m") && json.get("m").isNull(), json.toString());
    }

    private static SweepResults.Row point(String lr, String width, Map<String, Object> metrics) {
        return new SweepResults.Row("lr-" + lr + "_w-" + width, Map.of("lr", lr, "width", width), 0, 1, "ok", null,
                1.0, metrics);
    }

    /**
     * A scheme that the varied axes do not change (none, when the learning rate and width of a network are swept)
     * is one line, not one per width on top of each other; its heat map, constant over the grid, is not drawn; and
     * each scheme has the colour the run's figures give it.
     */
    @Test
    void aSchemeTheAxesDoNotChangeIsDrawnOnceAndGetsNoHeatMap(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.l96.spec.SweepSpec.Axis lr = new org.l96.spec.SweepSpec.Axis("lr", List.of("0.01", "0.1"));
        org.l96.spec.SweepSpec.Axis width = new org.l96.spec.SweepSpec.Axis("width", List.of("8", "16"));
        List<SweepResults.Row> rows = new java.util.ArrayList<>();
        for (String l : lr.values()) {
            for (String w : width.values()) {
                rows.add(point(l, w, Map.of("online.s.none.vpt", 0.36,
                        "online.s.ann.vpt", Double.parseDouble(l) * Double.parseDouble(w))));
            }
        }
        java.nio.file.Path script = dir.resolve("s.groovy");
        java.nio.file.Files.writeString(script, """
                experiment('s') {
                    network('ann') { layers { dense 8 } }
                    polynomial('cubic') { fitDegree 3 }
                    trajectory('s') { start(-1); duration 1; compare 'none', 'cubic', 'ann' }
                }
                """);
        org.l96.chart.SchemeColours colours = org.l96.run.stages.ChartStage.colours(
                org.l96.dsl.ScriptLoader.load(script));
        org.jfree.chart.JFreeChart chart = SweepReport.againstAxis("online.s.*.vpt",
                List.of("online.s.ann.vpt", "online.s.none.vpt"), lr, List.of(lr, width), rows, colours);
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        org.jfree.data.xy.XYDataset d = plot.getDataset();
        assertEquals(3, d.getSeriesCount(), "ann once per width, none once");
        assertEquals("ann, width=8", d.getSeriesKey(0).toString());
        assertEquals("ann, width=16", d.getSeriesKey(1).toString());
        assertEquals("none, the same for every value of width", d.getSeriesKey(2).toString());
        assertEquals(0.36, d.getYValue(2, 0));
        assertEquals(0.36, d.getYValue(2, 1));
        assertEquals(0.1 * 16, d.getYValue(1, 1), 1e-12);
        // the run's colours: truth, none, cubic, ann
        assertEquals(org.l96.chart.Palette.colour(3), plot.getRenderer().getSeriesPaint(0));
        assertEquals(org.l96.chart.Palette.colour(3), plot.getRenderer().getSeriesPaint(1));
        assertEquals(org.l96.chart.Palette.colour(1), plot.getRenderer().getSeriesPaint(2));

        // different widths that happen to give different values are kept apart
        assertTrue(SweepReport.constant(SweepReport.grid("online.s.none.vpt", lr, width, rows)));
        assertTrue(!SweepReport.constant(SweepReport.grid("online.s.ann.vpt", lr, width, rows)));
        double[][] oneCell = {{1.0, Double.NaN}};
        assertTrue(!SweepReport.constant(oneCell), "a single value is no grid to call constant");
    }

    @Test
    void theFiguresReplaceTheEarlierOnesWholeAndAnInterruptedDrawingIsCleanedUp(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path script = dir.resolve("base.groovy");
        java.nio.file.Files.writeString(script, SweepPlanTest.EXPERIMENT);
        SweepPlan plan = SweepPlan.of(SweepPlan.withNameAndSweep(org.l96.dsl.ScriptLoader.load(script), "s",
                new org.l96.spec.SweepSpec("product", List.of(new org.l96.spec.SweepSpec.Axis(
                        "networks.ann.train.epochs", List.of("1", "2"))), 1)), "s");
        SweepLayout layout = SweepLayout.of(dir.resolve("out"), "s");
        java.nio.file.Files.createDirectories(layout.dir().resolve("figures"));
        java.nio.file.Files.writeString(layout.dir().resolve("figures/stale.png"), "an earlier figure");
        // what an interrupted drawing left
        java.nio.file.Files.createDirectories(layout.dir().resolve(".figures.tmp-interrupted"));
        java.nio.file.Files.writeString(layout.dir().resolve(".figures.tmp-interrupted/half.png"), "half");
        List<SweepResults.Row> rows = plan.points().stream().map(p -> new SweepResults.Row(p.id(), p.values(),
                p.repetition(), p.seed(), PointStatus.OK, null, 1.0,
                Map.<String, Object>of("networks.ann.finalValLoss", 1.0 + p.index()))).toList();
        SweepReport.write(layout, new SweepResults.Summary(plan, rows, List.of("networks.ann.finalValLoss")));
        try (var files = java.nio.file.Files.list(layout.dir())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".figures.tmp-")),
                    "no drawing folder is left");
        }
        try (var figures = java.nio.file.Files.list(layout.dir().resolve("figures"))) {
            List<String> names = figures.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of("networks.all.finalValLoss-vs-networks.ann.train.epochs.pdf",
                    "networks.all.finalValLoss-vs-networks.ann.train.epochs.png"), names);
        }
        assertTrue(java.nio.file.Files.readString(layout.dir().resolve(SweepReport.FILE)).contains("data:image/png"));
    }

    private static SweepResults.Row at(String forcing, String width, int seed, Double v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("online.s.ann.vpt", v);
        return new SweepResults.Row("f-" + forcing + "_w-" + width + "_s" + seed,
                Map.of("world.forcing", forcing, "width", width), seed, 1, "ok", null, 1.0, m);
    }

    /**
     * A line of one point is drawn as a marker with the seeds' range as an error bar; an axis of one value gets a
     * range around it (not a sliver whose ticks all read the same); each value of the other axis has its own dash
     * pattern and marker; a figure with no point is not drawn.
     */
    @Test
    void aSinglePointIsAMarkerWithAnErrorBarAndEachLineHasItsOwnDash(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.l96.spec.SweepSpec.Axis forcing = new org.l96.spec.SweepSpec.Axis("world.forcing", List.of("18"));
        org.l96.spec.SweepSpec.Axis width = new org.l96.spec.SweepSpec.Axis("width", List.of("4", "8", "16"));
        List<SweepResults.Row> rows = new java.util.ArrayList<>();
        for (String w : width.values()) {
            rows.add(at("18", w, 0, 1.0 * Integer.parseInt(w)));
            rows.add(at("18", w, 1, 2.0 * Integer.parseInt(w)));
        }
        org.l96.chart.SchemeColours colours = new org.l96.chart.SchemeColours(List.of("truth", "none", "ann"));
        org.jfree.chart.JFreeChart chart = SweepReport.againstAxis("online.s.ann.vpt", List.of("online.s.ann.vpt"),
                forcing, List.of(forcing, width), rows, colours);
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r =
                (org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) plot.getRenderer();
        assertEquals(3, plot.getDataset().getSeriesCount());
        java.util.Set<String> dashes = new java.util.HashSet<>();
        java.util.Set<String> shapes = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            assertEquals(1, plot.getDataset().getItemCount(i));
            assertTrue(r.getSeriesShapesVisible(i), "a one-point line is drawn as its marker");
            assertEquals(org.l96.chart.Palette.colour(2), r.getSeriesPaint(i), "the scheme's colour");
            dashes.add(java.util.Arrays.toString(((java.awt.BasicStroke) r.getSeriesStroke(i)).getDashArray()));
            shapes.add(r.getSeriesShape(i).getBounds2D().toString() + r.getSeriesShape(i).getClass());
        }
        assertEquals(3, dashes.size(), "each width its own dash pattern: " + dashes);
        assertEquals(3, shapes.size(), "each width its own marker");
        // error bars: from the min to the max over the two seeds
        List<org.jfree.chart.annotations.XYLineAnnotation> bars = plot.getAnnotations().stream()
                .map(a -> (org.jfree.chart.annotations.XYLineAnnotation) a).toList();
        assertEquals(3, bars.size());
        assertEquals(8.0, bars.get(1).getY1());
        assertEquals(16.0, bars.get(1).getY2());
        assertEquals(18.0, bars.get(1).getX1());
        org.jfree.data.Range x = plot.getDomainAxis().getRange();
        assertTrue(x.getLowerBound() < 18 && x.getUpperBound() > 18 && x.getLength() >= 1, x.toString());
        java.nio.file.Path png = org.l96.chart.ChartFiles.write(chart, dir.resolve("one")).png();
        assertTrue(java.nio.file.Files.size(png) > 0);
        java.nio.file.Files.copy(png, java.nio.file.Path.of("target/sweep-one-point.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // failed points (no value) do not stretch the x range: lines over 1..2 only
        org.l96.spec.SweepSpec.Axis f3 = new org.l96.spec.SweepSpec.Axis("world.forcing", List.of("1", "2", "100"));
        org.jfree.chart.JFreeChart c2 = SweepReport.againstAxis("online.s.ann.vpt", List.of("online.s.ann.vpt"), f3,
                List.of(f3), List.of(at("1", "4", 0, 1.0), at("2", "4", 0, 2.0)), colours);
        assertTrue(c2.getXYPlot().getDomainAxis().getUpperBound() < 3);

        // no point with a value: no figure
        assertNull(SweepReport.againstAxis("online.s.ann.vpt", List.of("online.s.ann.vpt"), forcing,
                List.of(forcing), List.of(at("18", "4", 0, null)), colours));
    }

    /**
     * The report's words: singular counts, "every point that ran" when part of the grid failed, and no figure of a
     * metric that does not depend on the axis (a training loss against an evaluation-only forcing), with a note.
     */
    @Test
    void reportWordsAndNoFigureOfAMetricTheAxisDoesNotChange(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.l96.spec.SweepSpec.Axis forcing = new org.l96.spec.SweepSpec.Axis("world.forcing", List.of("16", "18"));
        org.l96.spec.SweepSpec.Axis width = new org.l96.spec.SweepSpec.Axis("width", List.of("4", "8"));
        List<SweepResults.Row> rows = new java.util.ArrayList<>();
        for (String f : forcing.values()) {
            for (String w : width.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("networks.ann.finalValLoss", 0.5); // the same whatever the forcing and width
                m.put("online.s.ann.vpt", Double.parseDouble(f)); // depends on the forcing only
                boolean failed = f.equals("18") && w.equals("8");
                rows.add(new SweepResults.Row("f-" + f + "_w-" + w, Map.of("world.forcing", f, "width", w), 0, 1,
                        failed ? PointStatus.FAILED : PointStatus.OK, failed ? "boom" : null, 1.0,
                        failed ? Map.of() : m));
            }
        }
        List<SweepResults.Row> ok = rows.stream().filter(r -> PointStatus.OK.equals(r.status())).toList();
        assertTrue(SweepReport.flat(List.of("networks.ann.finalValLoss"), forcing, List.of(forcing, width), ok));
        assertTrue(!SweepReport.flat(List.of("online.s.ann.vpt"), forcing, List.of(forcing, width), ok));

        SweepPlan plan = new SweepPlan("s", "product", List.of(forcing, width), 1, 1, List.of());
        SweepResults.Summary summary = new SweepResults.Summary(plan, rows,
                List.of("networks.ann.finalValLoss", "online.s.ann.vpt"));
        SweepLayout layout = SweepLayout.of(dir, "s");
        java.nio.file.Files.createDirectories(layout.dir());
        String html = java.nio.file.Files.readString(SweepReport.write(layout, summary));
        assertTrue(html.contains("4 points (product of 2 axes × 1 seed)"), html);
        assertTrue(html.contains("networks.ann.finalValLoss is the same at every point that ran of world.forcing × "
                + "width: no heat map"), html);
        assertTrue(html.contains("networks.*.finalValLoss is the same at every value of world.forcing (it does not "
                + "depend on it): no figure"), html);
        try (var files = java.nio.file.Files.list(layout.dir().resolve("figures"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).toList();
            assertTrue(names.stream().noneMatch(n -> n.startsWith("networks.all.finalValLoss-vs-world.forcing")),
                    names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("online.s.all.vpt-vs-world.forcing")),
                    names.toString());
        }

        SweepPlan one = new SweepPlan("s", "product", List.of(forcing), 1, 1, List.of());
        String html1 = java.nio.file.Files.readString(SweepReport.write(layout, new SweepResults.Summary(one,
                List.of(rows.get(0)), List.of("online.s.ann.vpt"))));
        assertTrue(html1.contains("1 point (product of 1 axis × 1 seed)"), html1);
    }
}
