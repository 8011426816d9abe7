package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * Online evaluation: the coarse model run with each parameterization in {@code compare} ("none", a network's name
 * or a polynomial's name) against the real world.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EvaluationSpec.Trajectory.class, name = "trajectory"),
        @JsonSubTypes.Type(value = EvaluationSpec.Ensemble.class, name = "ensemble"),
        @JsonSubTypes.Type(value = EvaluationSpec.Forecast.class, name = "forecast"),
        @JsonSubTypes.Type(value = EvaluationSpec.Climate.class, name = "climate")})
public sealed interface EvaluationSpec {

    List<String> compare();

    /**
     * The forcing F at which the real world and the coarse model of this evaluation run, or null for the world's.
     * The parameterizations stay as trained/fitted on the world's data: a regime-shift test.
     */
    Double forcing();

    /**
     * The segment of the truth the initial conditions are drawn from ({@link Segments}: {@code train},
     * {@code validation}, {@code test} or {@code all}); null for the default ({@link Segments#of}). Sample indices
     * ({@code start}, {@code first}) count from the segment's first sample.
     */
    default String segment() {
        return null;
    }

    /** The same evaluation at another forcing (null: the world's). */
    EvaluationSpec withForcing(Double forcing);

    /** The coarse model's time stepping: 'euler', 'rk2' or 'rk4', or null for the default (rk4). */
    String stepper();

    /** The coarse model's step in model time units, dividing the sampling interval; null: the sampling interval. */
    Double dt();

    /** The coarse model's time stepping ({@link Vocabulary.Integrator}; rk4 when not given). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    default Vocabulary.Integrator stepperKind() {
        return stepper() == null ? Defaults.INTEGRATOR : Vocabulary.of(Vocabulary.Integrator.class, stepper());
    }

    /** The coarse model's step: {@code dt}, or the sampling interval when not given. */
    default double dtOr(double sampleInterval) {
        return dt() == null ? sampleInterval : dt();
    }

    /**
     * Single runs of {@code duration} time units from one truth state ({@code start}: a sample index, negative counts
     * from the end, -1 = the last) against the real world continued from there, stepping the coarse model at
     * {@code dt} (default: the sampling interval) with {@code stepper} (default RK4).
     */
    record Trajectory(List<String> compare, int start, double duration, Double dt, Double forcing, String stepper,
                      String segment)
            implements EvaluationSpec {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Trajectory {
            compare = Specs.copy(compare);
        }

        /** A trajectory stepped with RK4. */
        public Trajectory(List<String> compare, int start, double duration, Double dt, Double forcing) {
            this(compare, start, duration, dt, forcing, null, null);
        }

        /** From the whole truth (the default segment). */
        public Trajectory(List<String> compare, int start, double duration, Double dt, Double forcing,
                          String stepper) {
            this(compare, start, duration, dt, forcing, stepper, null);
        }

        @Override
        public Trajectory withForcing(Double f) {
            return new Trajectory(compare, start, duration, dt, f, stepper, segment);
        }
    }

    /**
     * {@code initialConditions} runs of {@code duration} time units starting at truth sample {@code first} and then
     * every {@code every} model time units (a whole multiple of the sampling interval, as a forecast's
     * {@code every}); the error is the sum over runs, steps and k of |X_true − X_gcm| ({@code sumAbsError}, the
     * notebook's metric).
     */
    record Ensemble(List<String> compare, int initialConditions, double every, int first, double duration,
                    Double forcing, String stepper, Double dt, String segment) implements EvaluationSpec {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Ensemble {
            compare = Specs.copy(compare);
        }

        /** Runs stepped with RK4 at the sampling interval. */
        public Ensemble(List<String> compare, int initialConditions, double every, int first, double duration,
                        Double forcing) {
            this(compare, initialConditions, every, first, duration, forcing, null, null, null);
        }

        /** From the whole truth (the default segment). */
        public Ensemble(List<String> compare, int initialConditions, double every, int first, double duration,
                        Double forcing, String stepper, Double dt) {
            this(compare, initialConditions, every, first, duration, forcing, stepper, dt, null);
        }

        /** Samples between successive initial conditions, at sampling interval {@code sampleInterval}. */
        public int everySamples(double sampleInterval) {
            return (int) Math.round(every / sampleInterval);
        }

        /**
         * Why a whole number {@code n} given as an ensemble's {@code every} is refused: it counted samples before
         * {@code every} became time units, so the old form must not be taken silently in the new unit.
         */
        public static String everyInSamplesMessage(long n, double sampleInterval) {
            String time = java.math.BigDecimal.valueOf(n).multiply(java.math.BigDecimal.valueOf(sampleInterval))
                    .stripTrailingZeros().toPlainString();
            return "an ensemble's every is in model time units now, as a forecast's (it counted samples before): "
                    + n + " samples of " + sampleInterval + " are every " + time + "; a whole number of time units "
                    + "is written with a decimal point (every " + n + ".0)";
        }

        @Override
        public Ensemble withForcing(Double f) {
            return new Ensemble(compare, initialConditions, every, first, duration, f, stepper, dt, segment);
        }
    }

    /**
     * Forecast skill: {@code initialConditions} runs of {@code lead} time units from truth states {@code every} time
     * units apart (the first at sample 0), scored by RMSE/σ_X and anomaly correlation against lead and by the
     * valid prediction time, with {@code bootstrap} resamples over initial conditions for 95% intervals. 'none' is
     * always scored; with {@code ceiling} also the two-scale model from the true X and freshly drawn Y.
     */
    record Forecast(List<String> compare, int initialConditions, double every, double lead, int bootstrap,
                    boolean ceiling, Double forcing, Integer members, Double perturbation, List<Double> rankLeads,
                    String stepper, Double dt, String segment)
            implements EvaluationSpec {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Forecast {
            compare = Specs.copy(compare);
            rankLeads = rankLeads == null ? null : List.copyOf(rankLeads);
        }

        /** A forecast of one run per initial condition. */
        public Forecast(List<String> compare, int initialConditions, double every, double lead, int bootstrap,
                        boolean ceiling, Double forcing) {
            this(compare, initialConditions, every, lead, bootstrap, ceiling, forcing, null, null, null, null, null);
        }

        /** From the default segment. */
        public Forecast(List<String> compare, int initialConditions, double every, double lead, int bootstrap,
                        boolean ceiling, Double forcing, Integer members, Double perturbation,
                        List<Double> rankLeads, String stepper, Double dt) {
            this(compare, initialConditions, every, lead, bootstrap, ceiling, forcing, members, perturbation,
                    rankLeads, stepper, dt, null);
        }

        /** Runs per initial condition (1 when not given). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public int membersOrOne() {
            return members == null ? 1 : members;
        }

        /** Standard deviation of the members' initial perturbation (0 when not given). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public double perturbationOrZero() {
            return perturbation == null ? 0.0 : perturbation;
        }

        /** Leads (time units) of the rank histograms (none when not given). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public List<Double> rankLeadsOrNone() {
            return rankLeads == null ? List.of() : rankLeads;
        }

        @Override
        public Forecast withForcing(Double f) {
            return new Forecast(compare, initialConditions, every, lead, bootstrap, ceiling, f, members, perturbation,
                    rankLeads, stepper, dt, segment);
        }
    }

    /**
     * Climate: one coarse-model run per parameterization of {@code duration} time units after {@code spinUp}, against
     * two independent two-scale runs of the same length (the second gives the noise floor of each distance). The
     * PDF of X uses bins {@code binWidth} wide over [binFrom, binTo); the autocorrelation goes to {@code maxLag}
     * time units.
     */
    record Climate(List<String> compare, double duration, double spinUp, double binWidth, double binFrom,
                   double binTo, double maxLag, Double forcing, String stepper, Double dt) implements EvaluationSpec {
        public Climate {
            compare = Specs.copy(compare);
        }

        /** Runs stepped with RK4 at the sampling interval. */
        public Climate(List<String> compare, double duration, double spinUp, double binWidth, double binFrom,
                       double binTo, double maxLag, Double forcing) {
            this(compare, duration, spinUp, binWidth, binFrom, binTo, maxLag, forcing, null, null);
        }

        @Override
        public Climate withForcing(Double f) {
            return new Climate(compare, duration, spinUp, binWidth, binFrom, binTo, maxLag, f, stepper, dt);
        }

        public int bins() {
            return (int) Math.round((binTo - binFrom) / binWidth);
        }
    }
}
