package org.l96.dsl;

import org.l96.spec.SimulationSpec;

/** {@code simulate { sampleEvery 0.01; samples 20_000 }}: how the real world is run and sampled. */
public final class SimulationBuilder extends DslBuilder {
    private double sampleInterval;
    private int samples;
    private double spinUp;
    private String couplingTarget;

    SimulationBuilder(DslContext context, SimulationSpec from) {
        super(context, "simulation");
        sampleInterval = from.sampleInterval();
        samples = from.samples();
        spinUp = from.spinUp();
        couplingTarget = from.couplingTarget();
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

    /** Where the stored coupling term is evaluated: {@code seed} (the notebook's convention) or {@code sample}. */
    public SimulationBuilder couplingTarget(String target) {
        set("couplingTarget", "couplingTarget");
        this.couplingTarget = target;
        return this;
    }

    SimulationSpec toSpec() {
        return new SimulationSpec(sampleInterval, samples, spinUp, couplingTarget);
    }
}
