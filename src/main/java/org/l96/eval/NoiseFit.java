package org.l96.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.l96.world.Parameterization;
import org.l96.world.StochasticParameterization;
import org.l96.world.StochasticParameterization.Form;

/**
 * The noise of a stochastic parameterization fitted to the residuals r = target − P(X) of a deterministic fit P on
 * one contiguous sampled trajectory (rows equally spaced by the sampling interval Δ; values [n][k] row-major), after
 * Arnold, Moroz &amp; Palmer (2013, section 3):
 * <ul>
 *   <li>additive: σ is the standard deviation of r, φ its lag-one autocorrelation at Δ (pooled over k);</li>
 *   <li>state-dependent: the standard deviation of r in bins of X is regressed on the bins' mean |X|,
 *       σ(X) = σ₀ + σ₁|X| (least squares weighted by the bins' counts);</li>
 *   <li>multiplicative: the standard deviation of r in bins of P(X) regressed on the bins' mean |P| through the
 *       origin, σ(P) = σ |P|;</li>
 *   <li>multiplicative-plus-additive: the same regression with an intercept, σ(P) = σ_m |P| + σ_a.</li>
 * </ul>
 * For the three state-dependent forms φ is the lag-one autocorrelation of the standardized residuals r / σ(·), the
 * unit process ε the scheme drives (pairs where σ(·) is small are skipped, see
 * {@link #MIN_SD_FRACTION}). These binned fits are our assumption about the paper's
 * method (its fitting procedure was not available to us); the additive fit is exactly its definition. On the
 * paper's c = 10 setup they reproduce its state-dependent (σ₀ 1.47, σ₁ 0.0873, φ 0.986) and
 * multiplicative-plus-additive (σ_m 0.101, σ_a 1.37, φ 0.988) values, but not its multiplicative ones
 * (σ 0.469, φ 0.94; we get σ 0.29, φ 0.988).
 *
 * @param form      which scheme the parameters are for
 * @param sigmas    the form's standard deviations, in the order of {@link Form#parameterNames()}
 * @param phi       lag-one autocorrelation at {@code interval}
 * @param interval  the sampling interval Δ of the residuals
 * @param samples   number of residuals used (rows × K)
 */
public record NoiseFit(Form form, double[] sigmas, double phi, double interval, long samples) {

    /** Default width of the bins of X (or of P) for the state-dependent fits, in the units of X. */
    public static final double DEFAULT_BIN_WIDTH = 1.0;
    /** Bins with fewer residuals than this are left out of the regression of the standard deviation. */
    public static final int MIN_BIN_COUNT = 50;
    /** Residuals whose fitted standard deviation is below this fraction of their rms are left out of φ. */
    public static final double MIN_SD_FRACTION = 0.25;

    public NoiseFit {
        sigmas = sigmas.clone();
    }

    @Override
    public double[] sigmas() {
        return sigmas.clone();
    }

    /** The fitted values by their names in the paper: phi (at the sampling interval), then the form's sigmas. */
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("phi", phi);
        String[] names = form.parameterNames();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], sigmas[i]);
        }
        return m;
    }

    /** φ at a coarse step dt: φ^(dt/Δ). */
    public double phiAt(double dt) {
        return StochasticParameterization.phiAt(phi, interval, dt);
    }

    /** The fitted scheme on {@code deterministic} with AR(1) noise (use {@code white()} on it for white noise). */
    public StochasticParameterization toParameterization(Parameterization deterministic, long seed) {
        return new StochasticParameterization(deterministic, form, sigmas, phi, interval, seed);
    }

    /** r = target − P(x) with P a polynomial, coefficients highest power first (as {@link PolynomialFit} gives). */
    public static double[] residuals(double[] x, double[] target, double[] coefficientsHighestFirst) {
        if (x.length < target.length) {
            throw new IllegalArgumentException("need a state for each of the " + target.length + " targets, got "
                    + x.length);
        }
        double[] r = new double[target.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = target[i] - horner(coefficientsHighestFirst, x[i]);
        }
        return r;
    }

    /** P(x) for each x (a polynomial, highest power first). */
    public static double[] evaluate(double[] x, int n, double[] coefficientsHighestFirst) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = horner(coefficientsHighestFirst, x[i]);
        }
        return p;
    }

    /**
     * The residuals r = target − P(X) of a deterministic fit on one contiguous sampled trajectory, handed out a
     * block of rows at a time, in time order, as often as a fit asks (each pass may recompute them): the fits below
     * make two or three passes and hold O(K) values between blocks, so a truth of millions of samples is fitted in
     * the memory of one block.
     */
    public interface Residuals {
        /** Rows of the trajectory (equally spaced by the sampling interval). */
        int rows();

        /** Values per row (the K variables X_k). */
        int k();

        /**
         * Calls {@code block} for consecutive blocks of rows covering 0..rows−1 in order, each with the states x,
         * the deterministic P(x) and the residuals r, [blockRows][k] row-major (the arrays may be longer than
         * blockRows·k and may be reused between calls).
         */
        void forEachBlock(Block block);

        /** One block of rows. */
        @FunctionalInterface
        interface Block {
            void accept(double[] x, double[] p, double[] r, int blockRows);
        }

        /**
         * The residuals target − P(x) of the first {@code rows} rows of {@code x} and {@code target} ([row][k]),
         * computed a block of {@code blockRows} rows at a time on each pass: memory 3·blockRows·k doubles.
         */
        static Residuals of(Parameterization deterministic, double[] x, double[] target, int rows, int k,
                            int blockRows) {
            return of(deterministic, x, target, 0, rows, k, blockRows);
        }

        /**
         * As {@link #of(Parameterization, double[], double[], int, int, int)} for the {@code rows} rows from row
         * {@code first} on (a target whose first rows are no data, as the seed target's placeholder row 0).
         */
        static Residuals of(Parameterization deterministic, double[] x, double[] target, int first, int rows, int k,
                            int blockRows) {
            if (first < 0 || (long) (first + rows) * k > Math.min(x.length, target.length) || blockRows < 1) {
                throw new IllegalArgumentException("need " + (long) (first + rows) * k + " states and targets in "
                        + "blocks of at least one row, got " + x.length + ", " + target.length + " and " + blockRows);
            }
            return new Blocks(rows, k, block -> {
                int size = Math.min(rows, blockRows) * k;
                double[] xb = new double[size];
                double[] pb = new double[size];
                double[] rb = new double[size];
                for (int from = first; from < first + rows; from += blockRows) {
                    int n = Math.min(blockRows, first + rows - from);
                    System.arraycopy(x, from * k, xb, 0, n * k);
                    deterministic.subgridTendency(xb, n, k, pb);
                    for (int i = 0; i < n * k; i++) {
                        rb[i] = target[from * k + i] - pb[i];
                    }
                    block.accept(xb, pb, rb, n);
                }
            });
        }

        /** Residuals held in memory (x or p may be null when the fit does not read them). */
        static Residuals of(double[] x, double[] p, double[] r, int rows, int k) {
            return new Blocks(rows, k, block -> block.accept(x, p, r, rows));
        }
    }

    /** {@link Residuals} of {@code rows} rows of {@code k} values whose blocks {@code blocks} hands out. */
    private record Blocks(int rows, int k, java.util.function.Consumer<Residuals.Block> blocks)
            implements Residuals {
        @Override
        public void forEachBlock(Block block) {
            blocks.accept(block);
        }
    }

    /** Additive noise: σ = standard deviation of r, φ = its lag-one autocorrelation, pooled over k. */
    public static NoiseFit additive(double[] residual, int rows, int k, double interval) {
        check(residual, rows, k, interval);
        return additive(Residuals.of(null, null, residual, rows, k), interval);
    }

    /** Additive noise from streamed residuals (two passes). */
    public static NoiseFit additive(Residuals residuals, double interval) {
        check(residuals, interval);
        long n = (long) residuals.rows() * residuals.k();
        double[] lag = lagOne(residuals);
        return new NoiseFit(Form.ADDITIVE, new double[] {Math.sqrt(lag[1] / n)}, lag[0], interval, n);
    }

    /**
     * Lag-one autocorrelation of a series [n][k] pooled over k: Σ (r_{n,i} − r̄)(r_{n+1,i} − r̄) / Σ (r − r̄)², the
     * standard sample autocorrelation (Box &amp; Jenkins), r̄ the mean over all values.
     */
    public static double lagOneAutocorrelation(double[] r, int rows, int k) {
        return lagOne(Residuals.of(null, null, r, rows, k))[0];
    }

    /** {lag-one autocorrelation, Σ (r − r̄)²}: a pass for the mean, one for the sums. */
    private static double[] lagOne(Residuals residuals) {
        int k = residuals.k();
        double[] sum = {0};
        residuals.forEachBlock((x, p, r, rows) -> {
            for (int i = 0; i < rows * k; i++) {
                sum[0] += r[i];
            }
        });
        double mean = sum[0] / ((long) residuals.rows() * k);
        double[] previous = new double[k]; // the last row's deviations, carried from block to block
        boolean[] started = {false};
        double[] acc = {0, 0}; // num, den
        residuals.forEachBlock((x, p, r, rows) -> {
            int from = 0;
            if (!started[0] && rows > 0) {
                for (int i = 0; i < k; i++) {
                    double d = r[i] - mean;
                    acc[1] += d * d;
                    previous[i] = d;
                }
                from = 1;
                started[0] = true;
            }
            for (int row = from; row < rows; row++) {
                for (int i = 0; i < k; i++) {
                    double d = r[row * k + i] - mean;
                    acc[1] += d * d;
                    acc[0] += previous[i] * d;
                    previous[i] = d;
                }
            }
        });
        return new double[] {acc[0] / acc[1], acc[1]};
    }

    /** State-dependent additive noise, σ(X) = σ₀ + σ₁|X|, from bins of X of width {@code binWidth}. */
    public static NoiseFit stateDependent(double[] x, double[] residual, int rows, int k, double interval,
                                          double binWidth) {
        check(residual, rows, k, interval);
        return stateDependent(Residuals.of(x, null, residual, rows, k), interval, binWidth);
    }

    /** State-dependent additive noise from streamed residuals (three passes). */
    public static NoiseFit stateDependent(Residuals residuals, double interval, double binWidth) {
        check(residuals, interval);
        double[] line = binnedStdLine(residuals, false, binWidth, false);
        return new NoiseFit(Form.STATE_DEPENDENT, line, standardizedLagOne(residuals, false, line[0], line[1]),
                interval, (long) residuals.rows() * residuals.k());
    }

    /** Multiplicative noise, σ(P) = σ|P(X)|; {@code p} holds P at each state. */
    public static NoiseFit multiplicative(double[] p, double[] residual, int rows, int k, double interval,
                                          double binWidth) {
        check(residual, rows, k, interval);
        return multiplicative(Residuals.of(null, p, residual, rows, k), interval, binWidth);
    }

    /** Multiplicative noise from streamed residuals (three passes). */
    public static NoiseFit multiplicative(Residuals residuals, double interval, double binWidth) {
        check(residuals, interval);
        double[] line = binnedStdLine(residuals, true, binWidth, true);
        return new NoiseFit(Form.MULTIPLICATIVE, new double[] {line[1]},
                standardizedLagOne(residuals, true, 0.0, line[1]), interval,
                (long) residuals.rows() * residuals.k());
    }

    /** Multiplicative-plus-additive noise, σ(P) = σ_m|P(X)| + σ_a; {@code p} holds P at each state. */
    public static NoiseFit multiplicativeAdditive(double[] p, double[] residual, int rows, int k, double interval,
                                                  double binWidth) {
        check(residual, rows, k, interval);
        return multiplicativeAdditive(Residuals.of(null, p, residual, rows, k), interval, binWidth);
    }

    /** Multiplicative-plus-additive noise from streamed residuals (three passes). */
    public static NoiseFit multiplicativeAdditive(Residuals residuals, double interval, double binWidth) {
        check(residuals, interval);
        double[] line = binnedStdLine(residuals, true, binWidth, false);
        return new NoiseFit(Form.MULTIPLICATIVE_ADDITIVE, new double[] {line[1], line[0]},
                standardizedLagOne(residuals, true, line[0], line[1]), interval,
                (long) residuals.rows() * residuals.k());
    }

    /** {@code binnedStdLine} over arrays: bins by {@code v}, the first {@code n} values. */
    static double[] binnedStdLine(double[] v, double[] r, int n, double w, boolean throughOrigin) {
        if (v.length < n) {
            throw new IllegalArgumentException("need " + n + " values to bin by, got " + v.length);
        }
        return binnedStdLine(Residuals.of(v, v, r, n, 1), false, w, throughOrigin);
    }

    /**
     * Bins the residuals by v = X (or P(X) when {@code byP}), width w, takes each bin's standard deviation (about
     * the bin's mean) and its mean |v|, and fits std = a + b·mean|v| by least squares weighted by the bins' counts
     * (a = 0 when {@code throughOrigin}). Bins with fewer than {@link #MIN_BIN_COUNT} values are left out. Two
     * passes: the range of v, then the bins.
     *
     * @return {a, b}
     */
    private static double[] binnedStdLine(Residuals residuals, boolean byP, double w, boolean throughOrigin) {
        if (!(w > 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("bin width must be positive and finite, got " + w);
        }
        int k = residuals.k();
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        residuals.forEachBlock((x, p, r, rows) -> {
            double[] v = byP ? p : x;
            for (int i = 0; i < rows * k; i++) {
                range[0] = Math.min(range[0], v[i]);
                range[1] = Math.max(range[1], v[i]);
            }
        });
        double lo = range[0];
        int bins = (int) Math.floor((range[1] - lo) / w) + 1;
        long[] count = new long[bins];
        double[] sumAbs = new double[bins];
        double[] sum = new double[bins];
        double[] sum2 = new double[bins];
        residuals.forEachBlock((x, p, r, rows) -> {
            double[] v = byP ? p : x;
            for (int i = 0; i < rows * k; i++) {
                int b = Math.min(bins - 1, (int) ((v[i] - lo) / w));
                count[b]++;
                sumAbs[b] += Math.abs(v[i]);
                sum[b] += r[i];
                sum2[b] += r[i] * r[i];
            }
        });
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] >= MIN_BIN_COUNT) {
                double mean = sum[b] / count[b];
                double var = Math.max(0, sum2[b] / count[b] - mean * mean);
                points.add(new double[] {sumAbs[b] / count[b], Math.sqrt(var), count[b]});
            }
        }
        if (points.size() < (throughOrigin ? 1 : 2)) {
            throw new IllegalArgumentException("too few bins with at least " + MIN_BIN_COUNT + " values to fit how "
                    + "the noise's standard deviation varies (" + points.size() + "); use more data or wider bins");
        }
        double sw = 0;
        double sa = 0;
        double ss = 0;
        double saa = 0;
        double sas = 0;
        for (double[] q : points) {
            sw += q[2];
            sa += q[2] * q[0];
            ss += q[2] * q[1];
            saa += q[2] * q[0] * q[0];
            sas += q[2] * q[0] * q[1];
        }
        if (throughOrigin) {
            return new double[] {0.0, sas / saa};
        }
        double ma = sa / sw;
        double ms = ss / sw;
        double slope = (sas - sw * ma * ms) / (saa - sw * ma * ma);
        return new double[] {ms - slope * ma, slope};
    }

    /**
     * Lag-one autocorrelation of ε = r/σ, σ = a + b|v| (v = X, or P(X) when {@code byP}), over pairs (n, n+1) at the
     * same k where both σ are at least {@link #MIN_SD_FRACTION} of the residuals' root mean square (where the
     * scheme's σ is near zero, as the multiplicative one's near P = 0, ε is the residual's misfit divided by almost
     * nothing): Σ ε_n ε_{n+1} / √(Σ ε_n² Σ ε_{n+1}²) (ε has mean zero by construction of the scheme). Two passes.
     */
    private static double standardizedLagOne(Residuals residuals, boolean byP, double a, double b) {
        int k = residuals.k();
        double[] total = {0};
        residuals.forEachBlock((x, p, r, rows) -> {
            for (int i = 0; i < rows * k; i++) {
                total[0] += r[i] * r[i];
            }
        });
        final double floor = MIN_SD_FRACTION * Math.sqrt(total[0] / ((long) residuals.rows() * k));
        double[] previousR = new double[k];
        double[] previousS = new double[k];
        boolean[] started = {false};
        double[] acc = {0, 0, 0}; // Σ ε_n ε_{n+1}, Σ ε_n², Σ ε_{n+1}²
        residuals.forEachBlock((x, p, r, rows) -> {
            double[] v = byP ? p : x;
            int from = 0;
            if (!started[0] && rows > 0) {
                for (int i = 0; i < k; i++) {
                    previousR[i] = r[i];
                    previousS[i] = a + b * Math.abs(v[i]);
                }
                from = 1;
                started[0] = true;
            }
            for (int row = from; row < rows; row++) {
                for (int i = 0; i < k; i++) {
                    double rNow = r[row * k + i];
                    double sNow = a + b * Math.abs(v[row * k + i]);
                    if (previousS[i] >= floor && sNow >= floor) {
                        double e0 = previousR[i] / previousS[i];
                        double e1 = rNow / sNow;
                        acc[0] += e0 * e1;
                        acc[1] += e0 * e0;
                        acc[2] += e1 * e1;
                    }
                    previousR[i] = rNow;
                    previousS[i] = sNow;
                }
            }
        });
        return acc[0] / Math.sqrt(acc[1] * acc[2]);
    }

    private static void check(Residuals residuals, double interval) {
        if (residuals.rows() < 2 || residuals.k() < 1) {
            throw new IllegalArgumentException("need at least 2 rows and 1 variable, got " + residuals.rows() + " x "
                    + residuals.k());
        }
        if (!(interval > 0) || !Double.isFinite(interval)) {
            throw new IllegalArgumentException("sampling interval must be positive and finite, got " + interval);
        }
    }

    private static void check(double[] r, int rows, int k, double interval) {
        if (rows < 2 || k < 1) {
            throw new IllegalArgumentException("need at least 2 rows and 1 variable, got " + rows + " x " + k);
        }
        if (r.length < (long) rows * k) {
            throw new IllegalArgumentException("need " + (long) rows * k + " residuals, got " + r.length);
        }
        if (!(interval > 0) || !Double.isFinite(interval)) {
            throw new IllegalArgumentException("sampling interval must be positive and finite, got " + interval);
        }
    }

    private static double horner(double[] c, double v) {
        double acc = 0.0;
        for (double q : c) {
            acc = acc * v + q;
        }
        return acc;
    }
}
