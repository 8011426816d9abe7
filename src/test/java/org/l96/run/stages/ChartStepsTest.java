package org.l96.run.stages;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.l96.chart.Figures;
import org.l96.nn.History;
import org.l96.spec.EvaluationSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the chart stage draws: trajectories over coarse steps; loss curves of a diverged training. */
class ChartStepsTest {
    private static EvaluationSpec.Trajectory run(Double dt) {
        return new EvaluationSpec.Trajectory(List.of("none"), -1, 2, dt, null);
    }

    @Test
    void stepsAreCoarseStepsOfTheEvaluationsDt() {
        // dt = the sample interval (the default): one row per step, as before
        assertEquals(200, ChartStage.rowsOfSteps(200, run(null), 0.01, 201));
        assertEquals(200, ChartStage.rowsOfSteps(200, run(0.01), 0.01, 201));
        // dt 0.002: 500 steps are 1 time unit, 100 sample rows (t = 0 … 0.99), not 500 rows
        assertEquals(100, ChartStage.rowsOfSteps(500, run(0.002), 0.01, 201));
        // 1000 steps: the whole run but its last sample (t < 2)
        assertEquals(200, ChartStage.rowsOfSteps(1000, run(0.002), 0.01, 201));
        // a part of a sample interval still shows the sample it starts in
        assertEquals(1, ChartStage.rowsOfSteps(1, run(0.002), 0.01, 201));
        assertEquals(2, ChartStage.rowsOfSteps(6, run(0.002), 0.01, 201));
        assertThrows(IllegalStateException.class, () -> ChartStage.rowsOfSteps(202, run(null), 0.01, 201));
    }

    @Test
    void aDivergedLossCurveIsDrawnToItsLastFiniteEpochWithANote() {
        History h = new History(List.of(new History.Epoch(1, 2.0, 1.5, 0.1), new History.Epoch(2, 1.0, 0.9, 0.1),
                new History.Epoch(3, Double.NaN, Double.NaN, 0.1)), List.of());
        String note = ChartStage.divergenceNote(h);
        assertEquals("Diverged at epoch 3: training loss NaN (not drawn from there)", note);
        JFreeChart chart = Figures.lossCurves("t", h.trainLosses(), h.valLosses(), note);
        var data = chart.getXYPlot().getDataset();
        assertEquals(2, data.getItemCount(0), "training loss: the two finite epochs");
        assertEquals(2, data.getItemCount(1), "validation loss too");
        assertEquals(1.0, data.getYValue(0, 1));
        assertEquals(2.0, data.getXValue(0, 1), "epochs keep their numbers");
        boolean noted = false;
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            noted |= chart.getSubtitle(i) instanceof TextTitle t && t.getText().equals(note);
        }
        assertTrue(noted, "the note is on the figure");

        History noValidation = new History(List.of(new History.Epoch(1, 2.0, Double.NaN, 0.1)), List.of());
        assertNull(ChartStage.divergenceNote(noValidation), "no validation data is not divergence");
        History valBlewUp = new History(List.of(new History.Epoch(1, 2.0, 1.0, 0.1),
                new History.Epoch(2, 1.5, Double.POSITIVE_INFINITY, 0.1)), List.of());
        assertEquals("Diverged at epoch 2: validation loss Infinity (not drawn from there)",
                ChartStage.divergenceNote(valBlewUp));
        History atOnce = new History(List.of(new History.Epoch(1, Double.NaN, Double.NaN, 0.1)), List.of());
        assertEquals("Diverged at epoch 1: training loss NaN (no finite loss to draw)",
                ChartStage.divergenceNote(atOnce));
    }

    @Test
    void aLongRunIsDrawnEveryNthSampleInTheHovmoller() {
        // 5 rows × K = 2: row r holds (10 r, 10 r + 1)
        double[] data = new double[10];
        for (int r = 0; r < 5; r++) {
            data[2 * r] = 10 * r;
            data[2 * r + 1] = 10 * r + 1;
        }
        org.l96.data.Npy.Array a = new org.l96.data.Npy.Array(new long[] {5, 2}, data);
        double[][] every = ChartStage.grid(a, 5, 1);
        assertEquals(2, every.length);
        assertEquals(5, every[0].length);
        assertEquals(31.0, every[1][3], "z[k][row]");
        double[][] second = ChartStage.grid(a, 5, 2);
        assertEquals(3, second[0].length, "rows 0, 2, 4");
        assertEquals(40.0, second[0][2]);
        assertEquals(21.0, second[1][1]);
        double[][] head = ChartStage.grid(a, 4, 3);
        assertEquals(2, head[0].length, "rows 0, 3 of the first 4");
        assertEquals(30.0, head[0][1]);
    }
}
