package org.l96.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.l96.world.CoarseModel;

/**
 * Probabilistic skill of ensemble forecasts from many initial conditions (ICs), against the truth at the same
 * leads: ensemble-mean RMSE and ensemble spread, their ratio, CRPS, the rank histogram and, given climatological
 * categories, the ranked probability score (RPS/RPSS) and the ignorance score (IGN/IGNSS). Every statistic pools
 * (IC, k) and takes IC weights ({@code counts}, as {@link Bootstrap#resampleCounts} gives; {@link Bootstrap#ones}
 * for the plain value), so bootstrap intervals over ICs and paired differences between schemes come from the same
 * per-IC sums, as in {@link ForecastSkill}.
 * <p>
 * Blow-ups: at an (IC, lead) where any member is non-finite or above {@link CoarseModel#DEFAULT_BLOWUP_THRESHOLD},
 * that IC drops out of every statistic from that lead on (a blown-up member stays blown up), and the IC counts in
 * {@link #unstableFraction()}.
 * <p>
 * Definitions (M members x_1..x_M, truth y, per variable X_k):
 * <ul>
 *   <li>spread² = mean over (IC, k) of the unbiased member variance Σ(x_i − x̄)²/(M − 1); RMSE of x̄ likewise.</li>
 *   <li>spread/error ratio = √((M+1)/M) · spread / RMSE: 1 for a reliable (statistically consistent) ensemble of
 *       finite size M (Fortin et al. 2014, J. Hydrometeor. 15, 1708–1713; Leutbecher &amp; Palmer 2008).</li>
 *   <li>CRPS, the energy form of the ensemble's empirical distribution (Gneiting &amp; Raftery 2007, eq. 21):
 *       (1/M)Σ|x_i − y| − (1/(2M²))ΣΣ|x_i − x_j|; the fair CRPS (Ferro 2014, QJRMS 140, 1917–1923), unbiased for
 *       the score of the distribution the members are drawn from: the second term over 2M(M − 1).</li>
 *   <li>rank of y among the members, 0..M: #{x_i &lt; y}, plus a uniformly drawn share of the members equal to y
 *       (ties broken at random, Hamill 2001, MWR 129, 550–560), from a seeded generator.</li>
 *   <li>RPS over C categories (edges e_1 &lt; … &lt; e_{C−1}; v is in category #{e_j ≤ v}):
 *       Σ_{c=1}^{C−1} (P_c − O_c)² with P, O the cumulative forecast (member fractions) and observed
 *       probabilities; RPSS = 1 − RPS/RPS_clim against the climatological probabilities (Epstein 1969; Wilks 2011,
 *       §8.4.7; the skill scores Arnold et al. 2013 report).</li>
 *   <li>IGN = −log₂ p of the category y falls in (Roulston &amp; Smith 2002, MWR 130, 1653–1660), with the forecast
 *       probability p = (n + α)/(M + Cα), n the members in that category and α ≥ 0 the smoothing given with the
 *       categories (α = 0 makes an empty category infinitely bad); IGNSS = 1 − IGN/IGN_clim.</li>
 * </ul>
 */
public final class EnsembleSkill {

    /**
     * Climatological categories of X for RPS and ignorance.
     *
     * @param edges         C − 1 ascending edges (e.g. the climatological deciles of X)
     * @param probabilities C climatological probabilities of the categories (sum 1), the reference forecast
     * @param smoothing     α ≥ 0 added to each category's member count for the ignorance score
     */
    public record Categories(double[] edges, double[] probabilities, double smoothing) {
        public Categories {
            if (edges == null || probabilities == null || probabilities.length != edges.length + 1
                    || edges.length < 1) {
                throw new IllegalArgumentException("need C−1 >= 1 edges and C probabilities");
            }
            for (int i = 1; i < edges.length; i++) {
                if (!(edges[i] > edges[i - 1])) {
                    throw new IllegalArgumentException("category edges must increase, got " + Arrays.toString(edges));
                }
            }
            double sum = 0;
            for (double p : probabilities) {
                if (!(p > 0)) {
                    throw new IllegalArgumentException("climatological probabilities must be positive, got "
                            + Arrays.toString(probabilities));
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-9) {
                throw new IllegalArgumentException("climatological probabilities must sum to 1, got " + sum);
            }
            if (!(smoothing >= 0) || !Double.isFinite(smoothing)) {
                throw new IllegalArgumentException("smoothing must be finite and non-negative, got " + smoothing);
            }
            edges = edges.clone();
            probabilities = probabilities.clone();
        }

        /** C equally likely categories at the empirical quantiles j/C of {@code climate} (e.g. a long truth's X). */
        public static Categories quantiles(double[] climate, int c, double smoothing) {
            if (c < 2) {
                throw new IllegalArgumentException("need at least 2 categories, got " + c);
            }
            double[] e = new double[c - 1];
            double[] p = new double[c];
            for (int j = 1; j < c; j++) {
                e[j - 1] = Bootstrap.quantile(climate, j / (double) c);
            }
            Arrays.fill(p, 1.0 / c);
            return new Categories(e, p, smoothing);
        }

        int categoryOf(double v) {
            int c = 0;
            while (c < edges.length && v >= edges[c]) {
                c++;
            }
            return c;
        }
    }

    private final int ics;
    private final int members;
    private final int leads;
    private final int k;
    private final double dt;
    private final int[] rankLeads;
    private final Categories categories;
    /** [ic][lead] sums over k; NaN where the IC's ensemble has blown up. */
    private final double[] squaredError;
    private final double[] variance;
    private final double[] crps;
    private final double[] fairCrps;
    private final double[] rps;
    private final double[] rpsClimate;
    private final double[] ignorance;
    private final double[] ignoranceClimate;
    /** [ic][rank lead][rank 0..M]: how often the truth had that rank over k. */
    private final int[] ranks;
    private final boolean[] unstable;

    /**
     * @param truth      [ic][lead][k] flat
     * @param forecast   [ic][member][lead][k] flat (the history of {@link CoarseModel#runEnsemble} run with
     *                   ics·M members, the members of each IC together)
     * @param members    M, at least 2
     * @param dt         time between leads
     * @param rankLeads  lead indices at which to keep the rank histogram (may be empty)
     * @param categories for RPS and ignorance, or null to skip them
     * @param tieSeed    seed of the random tie-breaking of ranks
     */
    public EnsembleSkill(double[] truth, double[] forecast, int ics, int members, int leads, int k, double dt,
                         int[] rankLeads, Categories categories, long tieSeed) {
        if (ics < 1 || members < 2 || leads < 1 || k < 1) {
            throw new IllegalArgumentException("need at least 1 IC, 2 members, 1 lead and 1 variable, got " + ics
                    + ", " + members + ", " + leads + ", " + k);
        }
        if (truth.length != (long) ics * leads * k || forecast.length != (long) ics * members * leads * k) {
            throw new IllegalArgumentException("truth needs " + ics + "×" + leads + "×" + k + " and forecast "
                    + ics + "×" + members + "×" + leads + "×" + k + " values, got " + truth.length + " and "
                    + forecast.length);
        }
        for (int t : rankLeads) {
            if (t < 0 || t >= leads) {
                throw new IllegalArgumentException("rank histogram lead index " + t + " outside 0.." + (leads - 1));
            }
        }
        this.ics = ics;
        this.members = members;
        this.leads = leads;
        this.k = k;
        this.dt = dt;
        this.rankLeads = rankLeads.clone();
        this.categories = categories;
        int cells = ics * leads;
        squaredError = new double[cells];
        variance = new double[cells];
        crps = new double[cells];
        fairCrps = new double[cells];
        rps = new double[cells];
        rpsClimate = new double[cells];
        ignorance = new double[cells];
        ignoranceClimate = new double[cells];
        ranks = new int[ics * rankLeads.length * (members + 1)];
        unstable = new boolean[ics];

        SplittableRandom ties = new SplittableRandom(tieSeed);
        int[] rankSlot = new int[leads];
        Arrays.fill(rankSlot, -1);
        for (int r = 0; r < rankLeads.length; r++) {
            rankSlot[rankLeads[r]] = r;
        }
        final int cats = categories == null ? 0 : categories.probabilities.length;
        double[] x = new double[members];
        int[] inCategory = new int[Math.max(cats, 1)];
        for (int ic = 0; ic < ics; ic++) {
            for (int t = 0; t < leads; t++) {
                final int c = ic * leads + t;
                double se = 0;
                double var = 0;
                double cr = 0;
                double fcr = 0;
                double rp = 0;
                double rpc = 0;
                double ig = 0;
                double igc = 0;
                boolean finite = true;
                for (int i = 0; i < k && finite; i++) {
                    final double y = truth[c * k + i];
                    for (int m = 0; m < members; m++) {
                        double v = forecast[((ic * members + m) * leads + t) * k + i];
                        if (!(Math.abs(v) <= CoarseModel.DEFAULT_BLOWUP_THRESHOLD)) {
                            finite = false;
                            break;
                        }
                        x[m] = v;
                    }
                    if (!finite) {
                        break;
                    }
                    Arrays.sort(x);
                    double mean = 0;
                    for (double v : x) {
                        mean += v;
                    }
                    // identical members (a deterministic scheme, or lead 0 without perturbation): their mean is
                    // the member itself, not a sum's round-off away, so spread and its deviations are exactly 0
                    mean = x[0] == x[members - 1] ? x[0] : mean / members;
                    double ss = 0;
                    double abs = 0;
                    double pairs = 0;
                    for (int m = 0; m < members; m++) {
                        double d = x[m] - mean;
                        ss += d * d;
                        abs += Math.abs(x[m] - y);
                        // Σ_i Σ_j |x_i − x_j| = 2 Σ_m (2m − M + 1) x_(m) over the sorted members
                        pairs += (2.0 * m - members + 1) * x[m];
                    }
                    pairs *= 2;
                    se += (mean - y) * (mean - y);
                    var += ss / (members - 1);
                    cr += abs / members - pairs / (2.0 * members * members);
                    fcr += abs / members - pairs / (2.0 * members * (members - 1));
                    if (rankSlot[t] >= 0) {
                        int below = 0;
                        int equal = 0;
                        for (double v : x) {
                            if (v < y) {
                                below++;
                            } else if (v == y) {
                                equal++;
                            }
                        }
                        int rank = below + (equal == 0 ? 0 : ties.nextInt(equal + 1));
                        ranks[(ic * rankLeads.length + rankSlot[t]) * (members + 1) + rank]++;
                    }
                    if (categories != null) {
                        Arrays.fill(inCategory, 0);
                        for (double v : x) {
                            inCategory[categories.categoryOf(v)]++;
                        }
                        int obs = categories.categoryOf(y);
                        double cumF = 0;
                        double cumC = 0;
                        for (int q = 0; q < cats - 1; q++) {
                            cumF += inCategory[q] / (double) members;
                            cumC += categories.probabilities[q];
                            double o = q >= obs ? 1.0 : 0.0;
                            rp += (cumF - o) * (cumF - o);
                            rpc += (cumC - o) * (cumC - o);
                        }
                        double a = categories.smoothing;
                        ig -= log2((inCategory[obs] + a) / (members + cats * a));
                        igc -= log2(categories.probabilities[obs]);
                    }
                }
                if (finite) {
                    squaredError[c] = se;
                    variance[c] = var;
                    crps[c] = cr;
                    fairCrps[c] = fcr;
                    rps[c] = rp;
                    rpsClimate[c] = rpc;
                    ignorance[c] = ig;
                    ignoranceClimate[c] = igc;
                } else {
                    unstable[ic] = true;
                    squaredError[c] = Double.NaN;
                    variance[c] = Double.NaN;
                    crps[c] = Double.NaN;
                    fairCrps[c] = Double.NaN;
                    rps[c] = Double.NaN;
                    rpsClimate[c] = Double.NaN;
                    ignorance[c] = Double.NaN;
                    ignoranceClimate[c] = Double.NaN;
                    if (rankSlot[t] >= 0) {
                        // a rank over a partial ensemble would mean nothing: drop this IC's counts at this lead
                        Arrays.fill(ranks, (ic * rankLeads.length + rankSlot[t]) * (members + 1),
                                (ic * rankLeads.length + rankSlot[t] + 1) * (members + 1), 0);
                    }
                }
            }
        }
    }

    /** The parts' arrays joined IC after IC (see {@link #concat}). */
    private EnsembleSkill(EnsembleSkill first, int ics, double[][] cells, int[] ranks, boolean[] unstable) {
        this.ics = ics;
        this.members = first.members;
        this.leads = first.leads;
        this.k = first.k;
        this.dt = first.dt;
        this.rankLeads = first.rankLeads.clone();
        this.categories = first.categories;
        this.squaredError = cells[0];
        this.variance = cells[1];
        this.crps = cells[2];
        this.fairCrps = cells[3];
        this.rps = cells[4];
        this.rpsClimate = cells[5];
        this.ignorance = cells[6];
        this.ignoranceClimate = cells[7];
        this.ranks = ranks;
        this.unstable = unstable;
    }

    /**
     * The skill of all the parts' ICs together, in order: the same as one object built from all their ICs at once
     * (every statistic is per IC), so that ensembles can be run and scored a batch of ICs at a time in bounded
     * memory. The parts must agree in members, leads, k, dt, rank leads and categories.
     */
    public static EnsembleSkill concat(java.util.List<EnsembleSkill> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        EnsembleSkill a = parts.get(0);
        int ics = 0;
        for (EnsembleSkill p : parts) {
            if (p.members != a.members || p.leads != a.leads || p.k != a.k || p.dt != a.dt
                    || !Arrays.equals(p.rankLeads, a.rankLeads) || p.categories != a.categories) {
                throw new IllegalArgumentException("the parts differ in members, leads, k, dt, rank leads or "
                        + "categories");
            }
            ics += p.ics;
        }
        double[][] cells = new double[8][ics * a.leads];
        int[] ranks = new int[ics * a.rankLeads.length * (a.members + 1)];
        boolean[] unstable = new boolean[ics];
        int ic = 0;
        for (EnsembleSkill p : parts) {
            double[][] from = {p.squaredError, p.variance, p.crps, p.fairCrps, p.rps, p.rpsClimate, p.ignorance,
                    p.ignoranceClimate};
            for (int f = 0; f < 8; f++) {
                System.arraycopy(from[f], 0, cells[f], ic * a.leads, p.ics * a.leads);
            }
            System.arraycopy(p.ranks, 0, ranks, ic * a.rankLeads.length * (a.members + 1), p.ranks.length);
            System.arraycopy(p.unstable, 0, unstable, ic, p.ics);
            ic += p.ics;
        }
        return new EnsembleSkill(a, ics, cells, ranks, unstable);
    }

    private static double log2(double p) {
        return Math.log(p) / Math.log(2.0);
    }

    public int initialConditions() {
        return ics;
    }

    public int members() {
        return members;
    }

    public int leads() {
        return leads;
    }

    /** Time between leads. */
    public double dt() {
        return dt;
    }

    /** The lead indices of the rank histograms. */
    public int[] rankLeads() {
        return rankLeads.clone();
    }

    /** Fraction of ICs whose ensemble had a blown-up member at some lead. */
    public double unstableFraction() {
        int n = 0;
        for (boolean u : unstable) {
            n += u ? 1 : 0;
        }
        return n / (double) ics;
    }

    /** RMSE of the ensemble mean at each lead, pooled over (IC, k), ICs weighted by counts. */
    public double[] ensembleMeanRmse(int[] counts) {
        return rootMean(squaredError, counts);
    }

    /** Ensemble spread at each lead: √(mean over (IC, k) of the unbiased member variance). */
    public double[] spread(int[] counts) {
        return rootMean(variance, counts);
    }

    /**
     * Below this ensemble-mean RMSE (in units of X, whose climatological spread is O(1–10)) the spread/error ratio
     * is 0/0 up to round-off (lead 0 without perturbation: 1.5e-15 / 1.5e-15 once read as 1.05) and is NaN.
     */
    public static final double RATIO_MIN_ERROR = 1e-12;

    /**
     * √((M+1)/M) · spread / ensemble-mean RMSE at each lead (1 for a reliable ensemble; Fortin et al. 2014); NaN
     * where the RMSE is at most {@link #RATIO_MIN_ERROR} (undefined: no error to compare the spread with).
     */
    public double[] spreadErrorRatio(int[] counts) {
        double[] s = spread(counts);
        double[] e = ensembleMeanRmse(counts);
        double f = Math.sqrt((members + 1.0) / members);
        double[] r = new double[leads];
        for (int t = 0; t < leads; t++) {
            r[t] = e[t] > RATIO_MIN_ERROR ? f * s[t] / e[t] : Double.NaN;
        }
        return r;
    }

    /** Mean CRPS (the ensemble's empirical distribution) over (IC, k) at each lead. */
    public double[] crps(int[] counts) {
        return mean(crps, counts);
    }

    /** Mean fair CRPS (Ferro 2014) over (IC, k) at each lead. */
    public double[] fairCrps(int[] counts) {
        return mean(fairCrps, counts);
    }

    /** Mean RPS over (IC, k) at each lead; needs categories. */
    public double[] rps(int[] counts) {
        requireCategories();
        return mean(rps, counts);
    }

    /** RPSS = 1 − mean RPS / mean RPS of the climatological forecast, at each lead; needs categories. */
    public double[] rpss(int[] counts) {
        requireCategories();
        return skillScore(rps, rpsClimate, counts);
    }

    /** Mean ignorance (bits) over (IC, k) at each lead; needs categories. */
    public double[] ignorance(int[] counts) {
        requireCategories();
        return mean(ignorance, counts);
    }

    /** IGNSS = 1 − mean IGN / mean IGN of the climatological forecast, at each lead; needs categories. */
    public double[] ignoranceSkillScore(int[] counts) {
        requireCategories();
        return skillScore(ignorance, ignoranceClimate, counts);
    }

    /**
     * Rank histogram at the {@code r}-th of {@link #rankLeads()}: how often the truth had rank 0..M among the
     * members, over (IC, k), ICs weighted by counts (ICs blown up by then left out).
     */
    public long[] rankHistogram(int r, int[] counts) {
        checkCounts(counts);
        if (r < 0 || r >= rankLeads.length) {
            throw new IllegalArgumentException("rank histogram " + r + " outside 0.." + (rankLeads.length - 1));
        }
        long[] h = new long[members + 1];
        for (int ic = 0; ic < ics; ic++) {
            if (counts[ic] == 0) {
                continue;
            }
            int o = (ic * rankLeads.length + r) * (members + 1);
            for (int q = 0; q <= members; q++) {
                h[q] += (long) counts[ic] * ranks[o + q];
            }
        }
        return h;
    }

    private void requireCategories() {
        if (categories == null) {
            throw new IllegalStateException("RPS and ignorance need climatological categories");
        }
    }

    private double[] rootMean(double[] sums, int[] counts) {
        double[] m = mean(sums, counts);
        for (int t = 0; t < leads; t++) {
            m[t] = Math.sqrt(m[t]);
        }
        return m;
    }

    private double[] mean(double[] sums, int[] counts) {
        checkCounts(counts);
        double[] r = new double[leads];
        for (int t = 0; t < leads; t++) {
            double sum = 0;
            long n = 0;
            for (int ic = 0; ic < ics; ic++) {
                double v = sums[ic * leads + t];
                // NaN marks a blown-up IC; an infinite ignorance (α = 0, empty category) must stay infinite
                if (counts[ic] > 0 && !Double.isNaN(v)) {
                    sum += counts[ic] * v;
                    n += (long) counts[ic] * k;
                }
            }
            r[t] = n == 0 ? Double.NaN : sum / n;
        }
        return r;
    }

    private double[] skillScore(double[] score, double[] reference, int[] counts) {
        double[] s = mean(score, counts);
        double[] ref = mean(reference, counts);
        double[] r = new double[leads];
        for (int t = 0; t < leads; t++) {
            r[t] = ref[t] > 0 ? 1.0 - s[t] / ref[t] : Double.NaN;
        }
        return r;
    }

    private void checkCounts(int[] counts) {
        if (counts == null || counts.length != ics) {
            throw new IllegalArgumentException("need a count for each of the " + ics + " ICs");
        }
    }
}
