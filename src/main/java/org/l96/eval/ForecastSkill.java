package org.l96.eval;

/**
 * Forecast ("weather") skill of one scheme from many initial conditions (ICs), against the truth at the same
 * leads: RMSE and anomaly correlation against lead time, valid prediction time, each with bootstrap intervals
 * over ICs. Plain numerics on flat arrays.
 *
 * <p>Per IC and lead the class keeps sums over k, so that any resample of ICs is scored by weighting those sums:
 * pooled statistics over (IC, k) stay exact under resampling.
 */
public final class ForecastSkill {
    /** The VPT threshold: the first lead at which RMSE/σ_X exceeds this ends the valid prediction. */
    public static final double VPT_THRESHOLD = 0.5;

    private final int ics;
    private final int leads;
    private final int k;
    private final double dt;
    private final double sigma;
    /** [ic][lead]: Σ_k (forecast − truth)²; NaN when the forecast is not finite (blown up). */
    private final double[] squaredError;
    /** [ic][lead]: Σ_k a_f a_t, Σ_k a_f², Σ_k a_t² of anomalies from the climatological mean. */
    private final double[] crossAnomaly;
    private final double[] forecastAnomaly2;
    private final double[] truthAnomaly2;
    private final boolean[] unstable;

    /**
     * @param truth      [ic][lead][k] flat, leads 0..leads-1
     * @param forecast   same layout; non-finite values mark a blown-up member from there on
     * @param dt         time between leads
     * @param climMean   climatological mean of X (anomalies are taken from it)
     * @param sigma      climatological standard deviation of X (RMSE is divided by it)
     */
    public ForecastSkill(double[] truth, double[] forecast, int ics, int leads, int k, double dt, double climMean,
                         double sigma) {
        if (truth.length != (long) ics * leads * k || forecast.length != truth.length) {
            throw new IllegalArgumentException("truth and forecast need " + ics + "×" + leads + "×" + k
                    + " values, got " + truth.length + " and " + forecast.length);
        }
        this.ics = ics;
        this.leads = leads;
        this.k = k;
        this.dt = dt;
        this.sigma = sigma;
        squaredError = new double[ics * leads];
        crossAnomaly = new double[ics * leads];
        forecastAnomaly2 = new double[ics * leads];
        truthAnomaly2 = new double[ics * leads];
        unstable = new boolean[ics];
        for (int ic = 0; ic < ics; ic++) {
            for (int t = 0; t < leads; t++) {
                double se = 0;
                double cross = 0;
                double ff = 0;
                double tt = 0;
                boolean finite = true;
                for (int i = 0; i < k; i++) {
                    int at = (ic * leads + t) * k + i;
                    double f = forecast[at];
                    if (!(Math.abs(f) <= org.l96.world.CoarseModel.DEFAULT_BLOWUP_THRESHOLD)) {
                        finite = false;
                        break;
                    }
                    double d = f - truth[at];
                    se += d * d;
                    double af = f - climMean;
                    double atr = truth[at] - climMean;
                    cross += af * atr;
                    ff += af * af;
                    tt += atr * atr;
                }
                int c = ic * leads + t;
                if (finite) {
                    squaredError[c] = se;
                    crossAnomaly[c] = cross;
                    forecastAnomaly2[c] = ff;
                    truthAnomaly2[c] = tt;
                } else {
                    unstable[ic] = true;
                    squaredError[c] = Double.NaN;
                    crossAnomaly[c] = Double.NaN;
                    forecastAnomaly2[c] = Double.NaN;
                    truthAnomaly2[c] = Double.NaN;
                }
            }
        }
    }

    public int initialConditions() {
        return ics;
    }

    public int leads() {
        return leads;
    }

    public double unstableFraction() {
        int n = 0;
        for (boolean u : unstable) {
            n += u ? 1 : 0;
        }
        return n / (double) ics;
    }

    /**
     * RMSE/σ_X at each lead over the ICs weighted by {@code counts} (all k pooled). Blown-up members drop out from
     * the lead where they blew up; a lead with no finite member is NaN.
     */
    public double[] normalizedRmse(int[] counts) {
        double[] r = new double[leads];
        for (int t = 0; t < leads; t++) {
            double sum = 0;
            long n = 0;
            for (int ic = 0; ic < ics; ic++) {
                double se = squaredError[ic * leads + t];
                if (counts[ic] > 0 && Double.isFinite(se)) {
                    sum += counts[ic] * se;
                    n += (long) counts[ic] * k;
                }
            }
            r[t] = n == 0 ? Double.NaN : Math.sqrt(sum / n) / sigma;
        }
        return r;
    }

    /** Anomaly correlation over (k, IC) at each lead, ICs weighted by {@code counts}. */
    public double[] anomalyCorrelation(int[] counts) {
        double[] r = new double[leads];
        for (int t = 0; t < leads; t++) {
            double cross = 0;
            double ff = 0;
            double tt = 0;
            for (int ic = 0; ic < ics; ic++) {
                int c = ic * leads + t;
                if (counts[ic] > 0 && Double.isFinite(crossAnomaly[c])) {
                    cross += counts[ic] * crossAnomaly[c];
                    ff += counts[ic] * forecastAnomaly2[c];
                    tt += counts[ic] * truthAnomaly2[c];
                }
            }
            r[t] = ff > 0 && tt > 0 ? cross / Math.sqrt(ff * tt) : Double.NaN;
        }
        return r;
    }

    /**
     * Per IC: the first lead time at which its RMSE over k divided by σ_X exceeds 0.5 (a blown-up member fails
     * there). An IC that stays valid up to the last lead gets the last lead time (censored: the true VPT is longer).
     */
    public double[] validPredictionTimes() {
        double[] vpt = new double[ics];
        for (int ic = 0; ic < ics; ic++) {
            vpt[ic] = (leads - 1) * dt;
            for (int t = 0; t < leads; t++) {
                double se = squaredError[ic * leads + t];
                if (!(Math.sqrt(se / k) / sigma <= VPT_THRESHOLD)) {
                    vpt[ic] = t * dt;
                    break;
                }
            }
        }
        return vpt;
    }

    /** Fraction of ICs still valid at the last lead (their VPT is a lower bound). */
    public double censoredFraction() {
        double[] vpt = validPredictionTimes();
        double last = (leads - 1) * dt;
        int n = 0;
        for (int ic = 0; ic < ics; ic++) {
            if (vpt[ic] >= last) {
                double se = squaredError[ic * leads + leads - 1];
                if (Math.sqrt(se / k) / sigma <= VPT_THRESHOLD) {
                    n++;
                }
            }
        }
        return n / (double) ics;
    }
}
