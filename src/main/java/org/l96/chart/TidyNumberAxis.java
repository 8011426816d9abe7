package org.l96.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A number axis with at most {@value #MAX_INTERVALS} tick intervals, as matplotlib chooses them: JFreeChart picks
 * the smallest tick size whose labels do not overlap, which gives crowded axes at print sizes.
 */
final class TidyNumberAxis extends NumberAxis {

    private static final long serialVersionUID = 1L;

    static final int MAX_INTERVALS = 8;

    TidyNumberAxis(String label) {
        super(label);
    }

    @Override
    protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        super.selectAutoTickUnit(g2, dataArea, edge);
        double length = getRange().getLength();
        TickUnit unit = getTickUnit();
        while (length / unit.getSize() > MAX_INTERVALS) {
            TickUnit larger = getStandardTickUnits().getLargerTickUnit(unit);
            if (larger.getSize() <= unit.getSize() || !(larger instanceof NumberTickUnit)) {
                break;
            }
            unit = larger;
        }
        if (unit != getTickUnit()) {
            setTickUnit((NumberTickUnit) unit, false, false);
        }
    }
}
