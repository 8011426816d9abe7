package org.l96.run.stages;

/**
 * What a polynomial's stage ({@code polynomial-<polynomial>/}) records: metrics under
 * {@code polynomials.<polynomial>}: its {@link #COEFFICIENTS} (ascending powers, as added to the tendency) and its
 * offline scores ({@link OfflineOutputs}); a stochastic scheme's {@link #NOISE} and its base's coefficients. It writes no files of its own.
 */
public final class PolynomialOutputs {
    public static final String PREFIX = "polynomial-";
    public static final String METRIC_GROUP = "polynomials";
    public static final String COEFFICIENTS = "coefficients";
    /** A stochastic scheme's noise: base, form, process, phi (at the sampling interval), interval, its parameters. */
    public static final String NOISE = "noise";

    private PolynomialOutputs() {
    }

    public static String stageName(String polynomial) {
        return PREFIX + polynomial;
    }

    /** The polynomial a stage scores, or null when {@code stage} is no polynomial's. */
    public static String polynomialOf(String stage) {
        return stage.startsWith(PREFIX) ? stage.substring(PREFIX.length()) : null;
    }

    public static String metricPath(String polynomial) {
        return METRIC_GROUP + "." + polynomial;
    }
}
