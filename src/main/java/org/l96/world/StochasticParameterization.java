package org.l96.world;

import java.util.SplittableRandom;

/**
 * A deterministic closure P with the stochastic terms of Arnold, Moroz &amp; Palmer (2013, Phil. Trans. R. Soc. A
 * 371: 20110479, section 3), in our sign convention (P is added to the one-scale tendency; the paper's U is −P):
 * <ul>
 *   <li>{@link Form#ADDITIVE}: P(X_k) + σ ε_k</li>
 *   <li>{@link Form#STATE_DEPENDENT}: P(X_k) + (σ₀ + σ₁|X_k|) ε_k, the paper's e_k with standard deviation
 *       σ₀ + σ₁|X_k|; its AR(1) recursion e_t = (σ_t/σ_{t−1}) φ e_{t−1} + σ_t √(1−φ²) z is exactly σ_t times a
 *       unit AR(1) ε</li>
 *   <li>{@link Form#MULTIPLICATIVE}: (1 + σ ε_k) P(X_k)</li>
 *   <li>{@link Form#MULTIPLICATIVE_ADDITIVE}: P(X_k) + ε_k (σ_m |P(X_k)| + σ_a)</li>
 * </ul>
 * where ε_k is a unit-variance noise, independent for each k and each ensemble member: white (drawn afresh each
 * coarse step) or AR(1), ε(t) = φ_dt ε(t − dt) + √(1 − φ_dt²) z(t), z ~ N(0, 1). φ is given at an interval Δ
 * (where it was fitted: the lag-one autocorrelation of the residuals at the sampling interval) and converted to the
 * coarse step by φ_dt = φ^(dt/Δ). The noise is drawn once per coarse time step and held over the step's stages
 * (the state-dependent factors are evaluated at each stage's state). At the first step ε starts from its stationary
 * distribution N(0, 1), so members differ from the first step.
 * <p>
 * Reproducible: ensemble member m of a run draws from the m-th {@link SplittableRandom#split()} of a generator
 * seeded with {@link #seed()}, so its noise does not depend on other members (nor on which of them blow up) and
 * is the same in every run started from this object; give runs that must be independent different seeds
 * ({@link #withSeed}).
 * <p>
 * Immutable. Its own {@link #subgridTendency} refuses to run: the noise lives in the object {@link #startRun}
 * returns, which {@link CoarseModel} drives.
 */
public final class StochasticParameterization implements Parameterization {

    /** How the noise enters; the parameters (standard deviations, in tendency units) are named as in the paper. */
    public enum Form {
        /** σ */
        ADDITIVE("sigma"),
        /** σ₀, σ₁ */
        STATE_DEPENDENT("sigma0", "sigma1"),
        /** σ (dimensionless) */
        MULTIPLICATIVE("sigma"),
        /** σ_m (dimensionless), σ_a */
        MULTIPLICATIVE_ADDITIVE("sigmaM", "sigmaA");

        private final String[] parameterNames;

        Form(String... parameterNames) {
            this.parameterNames = parameterNames;
        }

        /** The names of the standard-deviation parameters this form takes, in order. */
        public String[] parameterNames() {
            return parameterNames.clone();
        }
    }

    private final Parameterization deterministic;
    private final Form form;
    private final double[] sigmas;
    private final double phi;
    private final double phiInterval;
    private final long seed;

    /**
     * @param deterministic the closure P the noise is added to (or multiplies)
     * @param form          how the noise enters
     * @param sigmas        the form's standard deviations, in the order of {@link Form#parameterNames()}; finite,
     *                      non-negative
     * @param phi           lag-one autocorrelation of ε at the interval {@code phiInterval}, in [0, 1); 0 is white
     *                      noise
     * @param phiInterval   the interval Δ at which phi is given (positive)
     * @param seed          seed of the noise
     */
    public StochasticParameterization(Parameterization deterministic, Form form, double[] sigmas, double phi,
                                      double phiInterval, long seed) {
        if (deterministic == null || form == null || sigmas == null) {
            throw new IllegalArgumentException("deterministic closure, form and sigmas must not be null");
        }
        if (deterministic instanceof StochasticParameterization) {
            throw new IllegalArgumentException("the deterministic closure is already stochastic");
        }
        if (sigmas.length != form.parameterNames.length) {
            throw new IllegalArgumentException(form + " takes " + form.parameterNames.length + " standard deviations "
                    + String.join(", ", form.parameterNames) + ", got " + sigmas.length);
        }
        for (int i = 0; i < sigmas.length; i++) {
            if (!(sigmas[i] >= 0.0) || !Double.isFinite(sigmas[i])) {
                throw new IllegalArgumentException(form.parameterNames[i] + " must be finite and non-negative, got "
                        + sigmas[i]);
            }
        }
        if (!(phi >= 0.0 && phi < 1.0)) {
            throw new IllegalArgumentException("phi must be in [0, 1), got " + phi);
        }
        if (!(phiInterval > 0.0) || !Double.isFinite(phiInterval)) {
            throw new IllegalArgumentException("the interval of phi must be positive and finite, got " + phiInterval);
        }
        this.deterministic = deterministic;
        this.form = form;
        this.sigmas = sigmas.clone();
        this.phi = phi;
        this.phiInterval = phiInterval;
        this.seed = seed;
    }

    /** Additive noise P + σ ε with AR(1) ε (phi at interval Δ; phi = 0 gives white noise). */
    public static StochasticParameterization additive(Parameterization p, double sigma, double phi, double interval,
                                                      long seed) {
        return new StochasticParameterization(p, Form.ADDITIVE, new double[] {sigma}, phi, interval, seed);
    }

    /** φ at interval Δ converted to a step dt: φ^(dt/Δ) (the AR(1) autocorrelation at lag dt). */
    public static double phiAt(double phi, double interval, double dt) {
        if (!(dt > 0.0) || !(interval > 0.0)) {
            throw new IllegalArgumentException("dt and interval must be positive, got " + dt + ", " + interval);
        }
        return phi == 0.0 ? 0.0 : Math.pow(phi, dt / interval);
    }

    public Parameterization deterministic() {
        return deterministic;
    }

    public Form form() {
        return form;
    }

    /** Copy of the standard deviations, in the order of {@link Form#parameterNames()}. */
    public double[] sigmas() {
        return sigmas.clone();
    }

    /** φ at {@link #phiInterval()}; 0 for white noise. */
    public double phi() {
        return phi;
    }

    public double phiInterval() {
        return phiInterval;
    }

    public long seed() {
        return seed;
    }

    /** The same scheme with another seed. */
    public StochasticParameterization withSeed(long newSeed) {
        return new StochasticParameterization(deterministic, form, sigmas, phi, phiInterval, newSeed);
    }

    /** The same scheme with white noise (φ = 0). */
    public StochasticParameterization white() {
        return new StochasticParameterization(deterministic, form, sigmas, 0.0, phiInterval, seed);
    }

    /** Always throws: the noise belongs to a run; see {@link #startRun}. */
    @Override
    public void subgridTendency(double[] x, int members, int k, double[] out) {
        throw new IllegalStateException("a stochastic parameterization is evaluated through the object startRun "
                + "returns (the coarse model's runs do this), not directly");
    }

    @Override
    public Parameterization startRun(int members, int k, double dt) {
        if (members < 1 || k < 1) {
            throw new IllegalArgumentException("need at least one member and one variable, got " + members + ", " + k);
        }
        if ((long) members * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(members + " members of " + k + " variables do not fit in an array");
        }
        return new Run(deterministic.startRun(members, k, dt), members, k, phiAt(phi, phiInterval, dt));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Stochastic[").append(form);
        for (int i = 0; i < sigmas.length; i++) {
            b.append(", ").append(form.parameterNames[i]).append('=').append(sigmas[i]);
        }
        return b.append(", phi=").append(phi).append(" at ").append(phiInterval).append(", ")
                .append(deterministic).append(']').toString();
    }

    /** The noise of one run: ε per member and k, and the packed copy the current step's stages read. */
    private final class Run implements Parameterization {
        private final Parameterization det;
        private final int members;
        private final int k;
        private final double phiDt;
        private final double innovation;
        private final SplittableRandom[] streams;
        private final double[] eps;
        private final boolean[] started;
        private final double[] packed;
        private int rows = -1;

        Run(Parameterization det, int members, int k, double phiDt) {
            this.det = det;
            this.members = members;
            this.k = k;
            this.phiDt = phiDt;
            this.innovation = Math.sqrt(1.0 - phiDt * phiDt);
            this.streams = new SplittableRandom[members];
            SplittableRandom root = new SplittableRandom(seed);
            for (int m = 0; m < members; m++) {
                streams[m] = root.split();
            }
            this.eps = new double[members * k];
            this.started = new boolean[members];
            this.packed = new double[members * k];
        }

        @Override
        public void beginStep(int[] memberOfRow, int count) {
            if (count < 0 || count > members || memberOfRow.length < count) {
                throw new IllegalArgumentException("bad batch of " + count + " rows for " + members + " members");
            }
            det.beginStep(memberOfRow, count);
            for (int a = 0; a < count; a++) {
                final int m = memberOfRow[a];
                final SplittableRandom r = streams[m];
                final int o = m * k;
                if (started[m]) {
                    for (int i = o; i < o + k; i++) {
                        eps[i] = phiDt * eps[i] + innovation * r.nextGaussian();
                    }
                } else {
                    for (int i = o; i < o + k; i++) {
                        eps[i] = r.nextGaussian();
                    }
                    started[m] = true;
                }
                System.arraycopy(eps, o, packed, a * k, k);
            }
            rows = count;
        }

        @Override
        public void subgridTendency(double[] x, int count, int kk, double[] out) {
            if (count != rows || kk != k) {
                throw new IllegalStateException("the closure was evaluated for " + count + " x " + kk
                        + " states, but its step began for " + rows + " x " + k + " (beginStep not called?)");
            }
            det.subgridTendency(x, count, k, out);
            final int len = count * k;
            final double[] e = packed;
            switch (form) {
                case ADDITIVE -> {
                    final double s = sigmas[0];
                    for (int i = 0; i < len; i++) {
                        out[i] += s * e[i];
                    }
                }
                case STATE_DEPENDENT -> {
                    final double s0 = sigmas[0];
                    final double s1 = sigmas[1];
                    for (int i = 0; i < len; i++) {
                        out[i] += (s0 + s1 * Math.abs(x[i])) * e[i];
                    }
                }
                case MULTIPLICATIVE -> {
                    final double s = sigmas[0];
                    for (int i = 0; i < len; i++) {
                        out[i] *= 1.0 + s * e[i];
                    }
                }
                case MULTIPLICATIVE_ADDITIVE -> {
                    final double sm = sigmas[0];
                    final double sa = sigmas[1];
                    for (int i = 0; i < len; i++) {
                        out[i] += e[i] * (sm * Math.abs(out[i]) + sa);
                    }
                }
                default -> throw new IllegalStateException("unknown form " + form);
            }
        }
    }
}
