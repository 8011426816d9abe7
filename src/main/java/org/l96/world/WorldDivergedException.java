package org.l96.world;

import java.util.Locale;

/**
 * The two-scale integration lost stability: a sampled state holds a value that is not finite or whose magnitude
 * exceeds {@link TwoScaleIntegrator#DIVERGENCE_BOUND}. Explicit schemes are stable only for dt below a limit set by
 * the fastest (Y) time scale; forward Euler's limit is far below RK4's (with c = 10, b = 10 Euler diverges at
 * dt = 0.001 within 0.03 time units, RK4 does not).
 */
public final class WorldDivergedException extends ArithmeticException {

    private final Integrator scheme;
    private final double dt;
    private final double time;
    private final double lastGoodTime;

    /**
     * @param time         model time of the first sample found diverged
     * @param lastGoodTime model time of the sample before it, the last one checked and found bounded
     */
    public WorldDivergedException(Integrator scheme, double dt, double time, double lastGoodTime) {
        super(describe(scheme, dt, time, lastGoodTime, "", ""));
        this.scheme = scheme;
        this.dt = dt;
        this.time = time;
        this.lastGoodTime = lastGoodTime;
    }

    public Integrator scheme() {
        return scheme;
    }

    public double dt() {
        return dt;
    }

    /** Model time of the first sample found diverged. */
    public double time() {
        return time;
    }

    /** Model time of the last sample found bounded. */
    public double lastGoodTime() {
        return lastGoodTime;
    }

    /** The scheme's user-facing name, as the DSL spells it: 'euler' (forward Euler), 'rk2', 'rk4'. */
    public static String schemeName(Integrator scheme) {
        return switch (scheme) {
            case EULER -> "'euler' (forward Euler)";
            case RK2 -> "'rk2' (midpoint)";
            case RK4 -> "'rk4'";
        };
    }

    /** What to do about it: a smaller dt, or (unless it is already RK4) the RK4 scheme. */
    public static String advice(Integrator scheme, double dt) {
        String smaller = num(dt / 10);
        return scheme == Integrator.RK4
                ? "use a smaller dt (e.g. " + smaller + ")"
                : "use a smaller dt (e.g. " + smaller + ") or the integrator 'rk4', which is stable at larger steps";
    }

    /**
     * This divergence in words, with the times shifted by {@code offset} (a caller whose run started later than
     * its clock's zero), {@code where} after "diverged" (e.g. " during the spin-up") and {@code clock} after the
     * time (e.g. " from the initial state").
     */
    public String describe(double offset, String where, String clock) {
        return describe(scheme, dt, time + offset, lastGoodTime + offset, where, clock);
    }

    private static String describe(Integrator scheme, double dt, double time, double lastGoodTime, String where,
                                   String clock) {
        return String.format(Locale.ROOT, "the world diverged%s: integrator %s at dt = %s gives a state that is not"
                        + " finite or beyond ±%s at model time t = %s%s (still bounded at t = %s); %s",
                where, schemeName(scheme), num(dt), num(TwoScaleIntegrator.DIVERGENCE_BOUND), num(time), clock,
                num(lastGoodTime), advice(scheme, dt));
    }

    /** v in at most 6 significant digits, without trailing zeros (0.001, 0.03, 1e-05). */
    public static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+($|e)", "$1").replace("e+0", "e")
                .replace("e-0", "e-").replace("e+", "e");
    }
}
