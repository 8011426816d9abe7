package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How the world is sampled: every {@code sampleInterval} model time units (a whole multiple of the world's dt),
 * {@code samples} samples after an optional {@code spinUp} (time units run and discarded first).
 *
 * <p>{@code couplingTarget} says at which state the coupling term stored with each sample is evaluated:
 * {@value #COUPLING_SEED} is the notebook's convention (row 0 zero; row n+1 taken at the first RK4 stage of the last
 * internal step before sample n+1), {@value #COUPLING_SAMPLE} evaluates it at the sampled state itself.
 */
public record SimulationSpec(double sampleInterval, int samples, double spinUp, String couplingTarget) {

    public static final String COUPLING_SEED = Vocabulary.CouplingTarget.SEED.word();
    public static final String COUPLING_SAMPLE = Vocabulary.CouplingTarget.SAMPLE.word();

    public static final SimulationSpec DEFAULT = new SimulationSpec(0.01, 20_000, 0, COUPLING_SEED);

    public SimulationSpec {
        couplingTarget = couplingTarget == null ? COUPLING_SEED : couplingTarget;
    }

    /** The coupling target of a validated spec. */
    @JsonIgnore
    public Vocabulary.CouplingTarget couplingTargetKind() {
        return Vocabulary.of(Vocabulary.CouplingTarget.class, couplingTarget);
    }
}
