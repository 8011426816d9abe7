package org.l96.dsl;

import org.l96.spec.WorldSpec;

/** {@code world { k 8; j 32; forcing 18; h 1; b 10; c 10; dt 0.001 }}: the two-scale "real world". */
public final class WorldBuilder extends DslBuilder {
    private int k;
    private int j;
    private double forcing;
    private double h;
    private double b;
    private double c;
    private double dt;
    private String rng;
    private String integrator;

    WorldBuilder(DslContext context, WorldSpec from) {
        super(context, "world");
        k = from.k();
        j = from.j();
        forcing = from.forcing();
        h = from.h();
        b = from.b();
        c = from.c();
        dt = from.dt();
        rng = from.rng();
        integrator = from.integrator();
    }

    @Override
    String blockName() {
        return "world";
    }

    /** Number of slow variables X_k. */
    public WorldBuilder k(int k) {
        set("k", "k");
        this.k = k;
        return this;
    }

    /** Number of fast variables Y_j,k per X_k. */
    public WorldBuilder j(int j) {
        set("j", "j");
        this.j = j;
        return this;
    }

    /** Forcing F. */
    public WorldBuilder forcing(double forcing) {
        set("forcing", "forcing");
        this.forcing = forcing;
        return this;
    }

    /** Coupling coefficient h. */
    public WorldBuilder h(double h) {
        set("h", "h");
        this.h = h;
        return this;
    }

    /** Spatial scale ratio b. */
    public WorldBuilder b(double b) {
        set("b", "b");
        this.b = b;
        return this;
    }

    /** Time scale ratio c. */
    public WorldBuilder c(double c) {
        set("c", "c");
        this.c = c;
        return this;
    }

    /** Internal time step of the two-scale model, in model time units. */
    public WorldBuilder dt(double dt) {
        set("dt", "dt");
        this.dt = dt;
        return this;
    }

    /** How the initial state is drawn ({@code numpy-legacy}). */
    public WorldBuilder rng(String rng) {
        set("rng", "rng");
        this.rng = rng;
        return this;
    }

    /** Time stepping of the real world: {@code euler}, {@code rk2} or {@code rk4}. */
    public WorldBuilder integrator(String integrator) {
        set("integrator", "integrator");
        this.integrator = integrator;
        return this;
    }

    WorldSpec toSpec() {
        return new WorldSpec(k, j, forcing, h, b, c, dt, rng, integrator);
    }
}
