package org.l96.chart;

import java.util.ArrayList;
import java.util.List;

import org.jfree.data.xy.AbstractIntervalXYDataset;

/**
 * An XY dataset over plain arrays, with an optional y interval per value (the band of {@link BandSeries}). Values
 * that are not finite are stored as NaN, which JFreeChart's renderers and range calculations skip (a gap), whereas
 * an infinity would stretch an axis to infinity.
 */
final class ArrayDataset extends AbstractIntervalXYDataset {

    /** A series key that keeps equal labels apart and prints as its label (the legend text). */
    record Key(int index, String label) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return Integer.compare(index, o.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final List<Key> keys = new ArrayList<>();
    private final List<double[][]> data = new ArrayList<>(); // x, y, lower, upper

    /** Adds a series; lower/upper may be null (no interval). The arrays are copied with non-finite values as NaN. */
    void add(String label, double[] x, double[] y, double[] lower, double[] upper) {
        keys.add(new Key(keys.size(), label));
        data.add(new double[][] {finite(x), finite(y), lower == null ? null : finite(lower),
                upper == null ? null : finite(upper)});
    }

    static double[] finite(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isFinite(v[i]) ? v[i] : Double.NaN;
        }
        return out;
    }

    @Override
    public int getSeriesCount() {
        return keys.size();
    }

    @Override
    public Comparable<?> getSeriesKey(int series) {
        return keys.get(series);
    }

    @Override
    public int getItemCount(int series) {
        return data.get(series)[0].length;
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        return data.get(series)[0][item];
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        return data.get(series)[1][item];
    }

    @Override
    public Number getStartX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public Number getEndX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public Number getStartY(int series, int item) {
        return getStartYValue(series, item);
    }

    @Override
    public double getStartYValue(int series, int item) {
        double[] lower = data.get(series)[2];
        return lower == null ? getYValue(series, item) : lower[item];
    }

    @Override
    public Number getEndY(int series, int item) {
        return getEndYValue(series, item);
    }

    @Override
    public double getEndYValue(int series, int item) {
        double[] upper = data.get(series)[3];
        return upper == null ? getYValue(series, item) : upper[item];
    }
}
