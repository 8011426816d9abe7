package org.l96.dsl;

import org.l96.spec.SimulationSpec;

/** {@code simulate { sampleEvery 0.01; samples 20_000 }}: how the real world is run and sampled. */
public final class SimulationBuilder extends DslBuilder {
    private double sampleInterval;
    private int samples;
    private double spinUp;
    private String couplingTarget;
    private Boolean keepY;
    private String from;

    SimulationBuilder(DslContext context, SimulationSpec from) {
        super(context, "simulation");
        sampleInterval = from.sampleInterval();
        samples = from.samples();
        spinUp = from.spinUp();
        couplingTarget = from.couplingTarget();
        keepY = from.keepY();
        this.from = from.from();
    }

    @Override
    String blockName() {
        return "simulate";
    }

    /** Model time units between samples (a whole multiple of the world's dt). */
    public SimulationBuilder sampleEvery(double timeUnits) {
        set("sampleEvery", "sampleInterval");
        this.sampleInterval = timeUnits;
        return this;
    }

    /** Number of samples kept (the data set has one more row: the initial state). */
    public SimulationBuilder samples(int samples) {
        set("samples", "samples");
        this.samples = samples;
        return this;
    }

    /** Model time units run and discarded before the first sample. */
    public SimulationBuilder spinUp(double timeUnits) {
        set("spinUp", "spinUp");
        this.spinUp = timeUnits;
        return this;
    }

    /**
     * The stored target: {@code seed} (the coupling term, the notebook's convention), {@code sample} (the coupling
     * term at each sampled state) or {@code discrete} ((X_{n+1} − X_n)/Δ − L96(X_n; F)).
     */
    public SimulationBuilder couplingTarget(String target) {
        set("couplingTarget", "couplingTarget");
        this.couplingTarget = target;
        return this;
    }

    /** Whether the whole history of Y is written ({@code Y.npy}); Y of the last sample always is. */
    public SimulationBuilder keepY(boolean keep) {
        set("keepY", "keepY");
        this.keepY = keep;
        return this;
    }

    /**
     * Nothing is simulated: the data are read from {@code folder} (relative to the script), written by
     * {@code l96 simulate} or a run's {@code simulate/} folder, or any folder with X.npy and coupling.npy (rows × K).
     * The world and sampling come from its manifest; what the script says must agree.
     */
    public SimulationBuilder from(String folder) {
        Origin at = set("from", "from");
        if (folder == null || folder.isBlank()) {
            issue("from", "from takes a folder in quotes, e.g. from 'data/truth' (written by l96 simulate)", at);
        } else {
            this.from = folder;
        }
        return this;
    }

    SimulationSpec toSpec() {
        return new SimulationSpec(sampleInterval, samples, spinUp, couplingTarget, keepY, from);
    }
}
