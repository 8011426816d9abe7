package org.l96.chart;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The comparison figures' data: several networks' losses, the restored epoch, the Hovmöller's cells and scale. */
class ComparisonFiguresTest {

    @Test
    void lossComparisonDrawsEachNetworkToItsLastFiniteEpochWithItsMarker() {
        JFreeChart chart = Figures.lossComparison("t", List.of(
                new Figures.LossRun("a", new double[] {4, 2, 1}, new double[] {5, 3, 2}, 2, null),
                new Figures.LossRun("b", new double[] {4, 2, Double.NaN}, new double[] {5, 1, 9}, 3, 2)), false);
        XYPlot plot = chart.getXYPlot();
        XYDataset d = plot.getDataset();
        assertEquals(5, d.getSeriesCount());
        assertEquals("b: training loss", d.getSeriesKey(3).toString());
        assertEquals(2, d.getItemCount(3), "training loss of b drawn to its last finite epoch");
        assertEquals("b: restored epoch 2", d.getSeriesKey(4).toString());
        assertEquals(2.0, d.getXValue(4, 0));
        assertEquals(1.0, d.getYValue(4, 0), "on b's validation curve at epoch 2");
        assertEquals(Palette.colour(3), plot.getRenderer().getSeriesPaint(4));
        assertEquals(Palette.colour(2), plot.getRenderer().getSeriesPaint(0));
        assertEquals(1, plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size());
    }

    @Test
    void theHovmollerScaleIsTheReferencePanelsRange() {
        double[] t = {0, 0.5, 1};
        double[] k = {0, 1};
        double[][] truth = {{-2, 0, 3}, {1, 2, 5}};
        double[][] wild = {{-2, 900, Double.NaN}, {1, 2, 5}};
        JFreeChart chart = Figures.hovmoller("h", "t", "k", t, k, List.of(Map.entry("truth", truth),
                Map.entry("run", wild)), "X");
        CombinedDomainXYPlot plot = assertInstanceOf(CombinedDomainXYPlot.class, chart.getXYPlot());
        XYZDataset run = (XYZDataset) ((XYPlot) plot.getSubplots().get(1)).getDataset();
        // z[j][i] at (t_i, k_j): item j * nt + i
        assertEquals(0.5, run.getXValue(0, 1));
        assertEquals(0.0, run.getYValue(0, 1));
        assertEquals(900.0, run.getZValue(0, 1));
        assertEquals(Double.NaN, run.getZValue(0, 2));
        assertEquals(1.0, run.getYValue(0, 3));
        PaintScaleLegend bar = null;
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof PaintScaleLegend p) {
                bar = p;
            }
        }
        assertEquals(-2.0, bar.getScale().getLowerBound());
        assertEquals(5.0, bar.getScale().getUpperBound(), "the truth's range, not the wild run's 900");
        assertThrows(IllegalArgumentException.class, () -> Figures.hovmoller("h", "t", "k", t, k,
                List.of(Map.entry("bad", new double[][] {{1, 2}})), "X"));
    }
}
