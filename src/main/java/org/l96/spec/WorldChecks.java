package org.l96.spec;

import java.util.List;

/** The checks of world, simulation and data: sizes, times on the dt grid, what fits one array, the seed. */
final class WorldChecks extends Checks {
    WorldChecks(ExperimentSpec spec, List<Problem> problems) {
        super(spec, problems);
    }

    void check() {
        seed(spec.seed(), spec.world());
        world(spec.world());
        simulation(spec.simulation(), spec.world());
        data(spec.data(), spec.simulation());
    }

    /** NumPy's legacy generator, which draws the world's initial state, takes seeds 0 … 2^32 − 1. */
    void seed(long seed, WorldSpec w) {
        if (WorldSpec.RNG_NUMPY_LEGACY.equals(w.rng()) && (seed < 0 || seed > 0xFFFF_FFFFL)) {
            problem("seed", "seed " + seed + " is outside 0 … 4294967295 (2^32 − 1), the seeds of NumPy's legacy "
                    + "generator that draws the world's initial state");
        }
    }

    void world(WorldSpec w) {
        atLeast("world.k", w.k(), 4);
        atLeast("world.j", w.j(), 1);
        if (w.k() >= 4 && w.j() >= 1 && (long) w.k() * w.j() > MAX_FAST) {
            problem("world.j", "j " + w.j() + " with k " + w.k() + " gives J·K = " + (long) w.k() * w.j()
                    + " fast variables; at most " + MAX_FAST);
        }
        finite("world.forcing", w.forcing());
        finite("world.h", w.h());
        nonZero("world.b", w.b());
        nonZero("world.c", w.c());
        positive("world.dt", w.dt());
        oneOf("world.rng", w.rng(), Vocabulary.Rng.class);
        oneOf("world.integrator", w.integrator(), Vocabulary.Integrator.class);
    }

    void simulation(SimulationSpec s, WorldSpec w) {
        positive("simulation.sampleInterval", s.sampleInterval());
        if (valid(s.sampleInterval()) && valid(w.dt()) && !isWholeMultiple(s.sampleInterval(), w.dt())) {
            problem("simulation.sampleInterval", "sample interval " + s.sampleInterval()
                    + " is not a whole multiple of the world's dt " + w.dt());
        } else if (valid(s.sampleInterval()) && valid(w.dt()) && s.sampleInterval() / w.dt() > Integer.MAX_VALUE) {
            problem("world.dt", "dt " + w.dt() + " makes each sample interval of " + s.sampleInterval() + " "
                    + s.sampleInterval() / w.dt() + " steps; at most " + Integer.MAX_VALUE + " steps per sample");
        }
        atLeast("simulation.samples", s.samples(), 1);
        simulationFits(s, w);
        if (!(s.spinUp() >= 0) || Double.isInfinite(s.spinUp())) {
            problem("simulation.spinUp", "spin-up must be zero or more time units, got " + s.spinUp());
        } else if (validSampleInterval() && w.k() >= 4
                && (Math.rint(s.spinUp() / s.sampleInterval()) + 1) * w.k() > MAX_ARRAY) {
            problem("simulation.spinUp", "a spin-up of " + s.spinUp() + " time units is "
                    + String.format("%.3g", Math.rint(s.spinUp() / s.sampleInterval())) + " samples, more than one "
                    + "run can hold; at most " + (long) Math.floor((MAX_ARRAY / w.k() - 1) * s.sampleInterval())
                    + " time units");
        }
        oneOf("simulation.couplingTarget", s.couplingTarget(), Vocabulary.CouplingTarget.class);
    }

    void data(DataSpec d, SimulationSpec s) {
        // the rows that pair a state with a target: the discrete target has none for the last sample
        long rows = s.samples() + (Vocabulary.CouplingTarget.DISCRETE.word().equals(s.couplingTarget()) ? 0L : 1L);
        if ((d.validationLast() == null) == (d.validationFraction() == null)) {
            problem("data.validationLast", "give exactly one of validation last: N and validation fraction: f");
        }
        int validation = 0;
        if (d.validationLast() != null) {
            validation = d.validationLast();
            if (validation < 1) {
                problem("data.validationLast", "validation must be at least 1 sample, got " + validation);
            }
        }
        if (d.validationFraction() != null) {
            double f = d.validationFraction();
            if (!(f > 0 && f < 1)) {
                problem("data.validationFraction", "validation fraction must be in (0, 1), got " + f);
            }
            validation = (int) Math.min(Integer.MAX_VALUE, Math.round(f * rows));
            if (f > 0 && f < 1 && validation < 1 && s.samples() >= 1) {
                problem("data.validationFraction", "validation fraction " + f + " of " + rows
                        + " samples is less than one sample; at least " + 1.0 / rows + " is needed");
            }
        }
        int test = 0;
        if (d.testLast() != null) {
            test = d.testLast();
            if (test < 1) {
                problem("data.testLast", "test segment must be at least 1 sample, got " + test);
            }
        }
        if (s.samples() >= 1 && rows - validation - test < 1 && validation >= 0 && test >= 0) {
            problem(test >= rows - 1 ? "data.testLast" : d.validationLast() != null ? "data.validationLast"
                            : "data.validationFraction", "validation (" + validation + ") and test (" + test
                    + ") samples leave no training data out of " + rows + "; give fewer in data { validation "
                    + "last: N } or data { validation fraction: F }" + (d.validationLast() != null
                    && d.validationLast().equals(DataSpec.DEFAULT.validationLast()) ? " (without them validation "
                    + "is the notebook's last " + DataSpec.DEFAULT.validationLast() + " samples)" : ""));
        }
        atLeast("data.batchSize", d.batchSize(), 1);
    }

    /** The simulation keeps X and Y of every sample in arrays: (samples + 1)·K·J values must fit one. */
    void simulationFits(SimulationSpec s, WorldSpec w) {
        if (s.samples() < 1 || w.k() < 4 || w.j() < 1 || (long) w.k() * w.j() > MAX_FAST) {
            return;
        }
        // Y is streamed to disk, never held whole; X (rows × K) is loaded whole by training and evaluations
        long perSample = w.k();
        if ((s.samples() + 1L) * perSample > MAX_ARRAY) {
            problem("simulation.samples", s.samples() + " samples of K = " + perSample + " slow variables do not "
                    + "fit in one array (" + MAX_ARRAY + " values); at most " + (MAX_ARRAY / perSample - 1)
                    + " samples");
        }
    }

    /** The two-scale model's limit on J·K (its work arrays hold several copies of Y). */
    static final int MAX_FAST = Integer.MAX_VALUE / 8;
}
