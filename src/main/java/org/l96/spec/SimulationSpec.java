package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How the world is sampled: every {@code sampleInterval} model time units (a whole multiple of the world's dt),
 * {@code samples} samples after an optional {@code spinUp} (time units run and discarded first).
 *
 * <p>{@code couplingTarget} says at which state the coupling term stored with each sample is evaluated:
 * {@value #COUPLING_SEED} is the notebook's convention (row 0 zero; row n+1 taken at the first RK4 stage of the last
 * internal step before sample n+1), {@value #COUPLING_SAMPLE} evaluates it at the sampled state itself, and
 * {@value #COUPLING_DISCRETE} is the tendency the one-scale model misses over one sampling interval Δ,
 * (X_{n+1} − X_n)/Δ − L96(X_n; F) (Arnold et al. 2013; {@link org.l96.world.DiscreteSubgridTarget}), NaN in the
 * last row.
 *
 * <p>{@code keepY}: whether the whole history of Y is written ({@code Y.npy}, rows × J·K); null (left out of the
 * spec) is false. Y of the last sample is always written.
 *
 * <p>{@code from} (null: simulated here) is a folder holding a dataset written by {@code l96 simulate} or another
 * run ({@code X.npy} and {@code coupling.npy}, rows × K, and the sampling interval in {@code t.npy} or
 * {@code manifest.json}), relative to the working directory or absolute (a script's loader resolves it against the
 * script's folder). Then nothing is simulated; the world and the sampling of this spec must be the folder's
 * ({@code org.l96.run.BroughtIn} fills them in from the folder and checks them).
 */
public record SimulationSpec(double sampleInterval, int samples, double spinUp, String couplingTarget,
                             Boolean keepY, String from) {

    public static final String COUPLING_SEED = Vocabulary.CouplingTarget.SEED.word();
    public static final String COUPLING_SAMPLE = Vocabulary.CouplingTarget.SAMPLE.word();
    public static final String COUPLING_DISCRETE = Vocabulary.CouplingTarget.DISCRETE.word();

    public static final SimulationSpec DEFAULT = new SimulationSpec(0.01, 20_000, 0, COUPLING_SEED, null, null);

    @JsonCreator
    public SimulationSpec {
        couplingTarget = couplingTarget == null ? COUPLING_SEED : couplingTarget;
    }

    /** Simulated here. */
    public SimulationSpec(double sampleInterval, int samples, double spinUp, String couplingTarget, Boolean keepY) {
        this(sampleInterval, samples, spinUp, couplingTarget, keepY, null);
    }

    /** Whether the data come from a folder instead of a simulation. */
    @JsonIgnore
    public boolean isFromFolder() {
        return from != null;
    }

    /** Without Y's history ({@code keepY} left out). */
    public SimulationSpec(double sampleInterval, int samples, double spinUp, String couplingTarget) {
        this(sampleInterval, samples, spinUp, couplingTarget, null, null);
    }

    /** Whether {@code Y.npy} (the whole history of Y) is written. */
    @JsonIgnore
    public boolean keepsY() {
        return Boolean.TRUE.equals(keepY);
    }

    /**
     * The first row whose coupling term is a real target: 1 with the {@code seed} target, whose row 0 is a
     * placeholder (zeros, the notebook's convention), 0 with {@code sample} and {@code discrete}, which compute it
     * at row 0 too. Polynomial fits and the coupling scatter start there.
     */
    @JsonIgnore
    public int firstTargetRow() {
        return couplingTargetKind() == Vocabulary.CouplingTarget.SEED ? 1 : 0;
    }

    /** The coupling target of a validated spec. */
    @JsonIgnore
    public Vocabulary.CouplingTarget couplingTargetKind() {
        return Vocabulary.of(Vocabulary.CouplingTarget.class, couplingTarget);
    }
}
