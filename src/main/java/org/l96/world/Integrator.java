package org.l96.world;

/** The explicit time-stepping schemes of the seed's model module, interchangeable through {@link Stepper}. */
public enum Integrator {
    EULER(1),
    RK2(2),
    RK4(4);

    private final int order;

    Integrator(int order) {
        this.order = order;
    }

    /** The scheme a spec names: "euler", "rk2" or "rk4" (case-insensitive). */
    public static Integrator named(String name) {
        for (Integrator i : values()) {
            if (i.name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown integrator '" + name + "'; use euler, rk2 or rk4");
    }

    /** The spec's name of this scheme: "euler", "rk2" or "rk4". */
    public String specName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Formal order of accuracy (global error ~ dt^order). */
    public int order() {
        return order;
    }

    /** A stepper for {@code f} on states of length {@code dimension}, with its scratch preallocated. */
    public Stepper stepper(Tendency f, int dimension) {
        if (f == null) {
            throw new IllegalArgumentException("tendency must not be null");
        }
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension must be non-negative, got " + dimension);
        }
        return switch (this) {
            case EULER -> new Stepper.Euler(f, dimension);
            case RK2 -> new Stepper.Rk2(f, dimension);
            case RK4 -> new Stepper.Rk4(f, dimension);
        };
    }
}
