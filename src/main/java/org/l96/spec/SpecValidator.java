package org.l96.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every rule a spec must keep, checked all at once: each problem carries the dotted path of the offending field so
 * that front ends can point at the script line that set it.
 */
public final class SpecValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final List<Problem> problems = new ArrayList<>();
    private final ExperimentSpec spec;

    private SpecValidator(ExperimentSpec spec) {
        this.spec = spec;
    }

    public static List<Problem> validate(ExperimentSpec spec) {
        SpecValidator v = new SpecValidator(spec);
        v.run();
        return List.copyOf(v.problems);
    }

    /** Throws a {@link SpecException} listing every problem, if there is any. */
    public static ExperimentSpec requireValid(ExperimentSpec spec) {
        List<Problem> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return spec;
    }

    /** True when {@code sampleInterval / dt} is a whole number within 1e-9 relative. */
    public static boolean isWholeMultiple(double sampleInterval, double dt) {
        double ratio = sampleInterval / dt;
        return ratio >= 1 - 1e-9 && Math.abs(ratio - Math.rint(ratio)) <= 1e-9 * ratio;
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    private void run() {
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            problem("name", "experiment name '" + spec.name() + "' must start with a letter or digit and use only "
                    + "letters, digits, '.', '_' and '-' (it names the output folder)");
        }
        seed(spec.seed(), spec.world());
        world(spec.world());
        simulation(spec.simulation(), spec.world());
        data(spec.data(), spec.simulation());
        spec.networks().forEach(this::network);
        spec.polynomials().forEach(this::polynomial);
        spec.lrRangeTests().forEach(this::lrRangeTest);
        spec.evaluations().forEach(this::evaluation);
        charts();
        if (spec.sweep() != null) {
            sweep(spec.sweep());
        }
    }

    private void world(WorldSpec w) {
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
        oneOf("world.rng", w.rng(), Vocabulary.RNGS);
        oneOf("world.integrator", w.integrator(), Vocabulary.INTEGRATORS);
    }

    private void simulation(SimulationSpec s, WorldSpec w) {
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
        oneOf("simulation.couplingTarget", s.couplingTarget(), Vocabulary.COUPLING_TARGETS);
    }

    private void data(DataSpec d, SimulationSpec s) {
        long rows = s.samples() + 1L;
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
                    + ") samples leave no training data out of " + rows);
        }
        atLeast("data.batchSize", d.batchSize(), 1);
    }

    private void network(String name, NetworkSpec n) {
        String p = "networks." + name;
        name(p, name, "network");
        oneOf(p + ".features", n.features(), Vocabulary.FEATURES);
        oneOf(p + ".weightInit", n.weightInit(), Vocabulary.WEIGHT_INITS);
        oneOf(p + ".loss", n.loss(), Vocabulary.LOSSES);
        if (n.layers().isEmpty()) {
            problem(p + ".layers", "network '" + name + "' has no layers");
        }
        LayerSpec.Dense lastDense = null;
        for (int i = 0; i < n.layers().size(); i++) {
            String lp = p + ".layers." + i;
            LayerSpec layer = n.layers().get(i);
            if (layer instanceof LayerSpec.Dense dense) {
                atLeast(lp + ".units", dense.units(), 1);
                oneOf(lp + ".activation", dense.activation(), Vocabulary.ACTIVATIONS);
                lastDense = dense;
            } else if (layer instanceof LayerSpec.Dropout dropout) {
                if (!(dropout.rate() >= 0 && dropout.rate() < 1)) {
                    problem(lp + ".rate", "dropout must be in [0, 1) (the probability of dropping a unit), got "
                            + dropout.rate());
                }
            } else if (layer instanceof LayerSpec.BatchNorm bn) {
                if (!(bn.momentum() > 0 && bn.momentum() < 1)) {
                    problem(lp + ".momentum", "batch-norm momentum must be in (0, 1), got " + bn.momentum());
                }
                positive(lp + ".epsilon", bn.epsilon());
            }
        }
        if (!n.layers().isEmpty()) {
            int outputs = n.isLocal() ? 1 : spec.world().k();
            if (!(n.layers().get(n.layers().size() - 1) instanceof LayerSpec.Dense)) {
                problem(p + ".layers", "the last layer must be dense (it gives the outputs)");
            } else if (lastDense != null && lastDense.units() != outputs && lastDense.units() >= 1
                    && Vocabulary.FEATURES.contains(n.features()) && (n.isLocal() || spec.world().k() >= 4)) {
                // (a bad k, features or units is reported once, at its own field)
                problem(p + ".layers." + (n.layers().size() - 1) + ".units", "a " + n.features()
                        + " network must end with " + outputs + " output" + (outputs == 1 ? "" : "s")
                        + " (one coupling term per " + (n.isLocal() ? "sample" : "X_k") + "), got "
                        + lastDense.units());
            }
        }
        train(p + ".train", n.train());
        if (n.continueFrom() != null) {
            NetworkSpec base = spec.networks().get(n.continueFrom());
            if (base == null) {
                unknown(p + ".continueFrom", n.continueFrom(), "network", spec.networks().keySet());
            } else if (n.continueFrom().equals(name)) {
                problem(p + ".continueFrom", "a network cannot continue from itself");
            } else if (!base.layers().equals(n.layers()) || !base.features().equals(n.features())) {
                problem(p + ".continueFrom", "'" + name + "' continues '" + n.continueFrom()
                        + "' so it must have the same features and layers");
            } else if (!base.weightInit().equals(n.weightInit())
                    && Vocabulary.WEIGHT_INITS.contains(base.weightInit())
                    && Vocabulary.WEIGHT_INITS.contains(n.weightInit())) { // an unknown word is reported as such
                // a continued network starts from trained weights: a different initialization would be ignored
                problem(p + ".weightInit", "'" + name + "' continues '" + n.continueFrom() + "' from its trained "
                        + "weights, so no initialization is used: leave weightInit as '" + n.continueFrom()
                        + "' has it ('" + base.weightInit() + "'), not '" + n.weightInit() + "'");
            } else if (continues(n.continueFrom(), name)) {
                problem(p + ".continueFrom", "networks '" + name + "' and '" + n.continueFrom()
                        + "' continue from each other");
            }
        }
    }

    private boolean continues(String from, String target) {
        Set<String> seen = new HashSet<>();
        String cur = from;
        while (cur != null && seen.add(cur)) {
            if (cur.equals(target)) {
                return true;
            }
            NetworkSpec n = spec.networks().get(cur);
            cur = n == null ? null : n.continueFrom();
        }
        return false;
    }

    private void train(String p, TrainSpec t) {
        atLeast(p + ".epochs", t.epochs(), 1);
        if (t.batchSize() != null) {
            atLeast(p + ".batchSize", t.batchSize(), 1);
        }
        optimizer(p + ".optimizer", t.optimizer());
        schedule(p + ".schedule", t.schedule());
        if (t.earlyStopping() != null) {
            atLeast(p + ".earlyStopping.patience", t.earlyStopping().patience(), 1);
            nonNegative(p + ".earlyStopping.minDelta", t.earlyStopping().minDelta());
        }
    }

    private void optimizer(String p, OptimizerSpec o) {
        positive(p + ".lr", o.lr());
        nonNegative(p + ".weightDecay", o.weightDecay());
        if (o instanceof OptimizerSpec.Sgd sgd) {
            unit(p + ".momentum", sgd.momentum());
            if (sgd.nesterov() && sgd.momentum() <= 0) {
                problem(p + ".nesterov", "Nesterov momentum needs momentum > 0");
            }
        } else if (o instanceof OptimizerSpec.Adam adam) {
            unit(p + ".beta1", adam.beta1());
            unit(p + ".beta2", adam.beta2());
            positive(p + ".epsilon", adam.epsilon());
        } else if (o instanceof OptimizerSpec.AdamW adamW) {
            unit(p + ".beta1", adamW.beta1());
            unit(p + ".beta2", adamW.beta2());
            positive(p + ".epsilon", adamW.epsilon());
            nonNegative(p + ".decoupledWeightDecay", adamW.decoupledWeightDecay());
        } else if (o instanceof OptimizerSpec.RmsProp rms) {
            unit(p + ".alpha", rms.alpha());
            positive(p + ".epsilon", rms.epsilon());
            unit(p + ".momentum", rms.momentum());
        }
    }

    private void schedule(String p, ScheduleSpec s) {
        if (s instanceof ScheduleSpec.Step step) {
            atLeast(p + ".stepSize", step.stepSize(), 1);
            positive(p + ".gamma", step.gamma());
        } else if (s instanceof ScheduleSpec.Exponential exp) {
            positive(p + ".gamma", exp.gamma());
        } else if (s instanceof ScheduleSpec.Cyclic cyc) {
            positive(p + ".baseLr", cyc.baseLr());
            positive(p + ".maxLr", cyc.maxLr());
            if (valid(cyc.maxLr()) && valid(cyc.baseLr()) && cyc.maxLr() < cyc.baseLr()) {
                problem(p + ".maxLr", "maxLr " + cyc.maxLr() + " is below baseLr " + cyc.baseLr());
            }
            atLeast(p + ".stepSizeUp", cyc.stepSizeUp(), 1);
            atLeast(p + ".stepSizeDown", cyc.stepSizeDown(), 1);
            oneOf(p + ".mode", cyc.mode(), Vocabulary.CYCLIC_MODES);
            positive(p + ".gamma", cyc.gamma());
        } else if (s instanceof ScheduleSpec.OneCycle one) {
            positive(p + ".maxLr", one.maxLr());
            if (!(one.pctStart() > 0 && one.pctStart() < 1)) {
                problem(p + ".pctStart", "pctStart must be in (0, 1), got " + one.pctStart());
            }
            positive(p + ".divFactor", one.divFactor());
            positive(p + ".finalDivFactor", one.finalDivFactor());
        }
    }

    private void polynomial(String name, PolynomialSpec poly) {
        String p = "polynomials." + name;
        name(p, name, "polynomial");
        if (spec.networks().containsKey(name) || Vocabulary.NONE.equals(name)) {
            problem(p, "polynomial '" + name + "' has the name of a network or of 'none'; names must be unique");
        }
        int sources = (poly.coefficients() != null ? 1 : 0) + (poly.fitDegree() != null ? 1 : 0)
                + (poly.fromNetwork() != null ? 1 : 0);
        if (sources != 1) {
            problem(p, "give exactly one of coefficients, fit degree or fromNetwork");
        }
        if (poly.coefficients() != null && poly.coefficients().isEmpty()) {
            problem(p + ".coefficients", "at least one coefficient is needed");
        }
        coefficients(p + ".coefficients", poly);
        if (poly.fitDegree() != null && (poly.fitDegree() < 1 || poly.fitDegree() > 5)) {
            problem(p + ".fitDegree", "fit degree must be 1 to 5, got " + poly.fitDegree());
        }
        if (poly.fromNetwork() != null) {
            NetworkSpec n = spec.networks().get(poly.fromNetwork());
            if (n == null) {
                unknown(p + ".fromNetwork", poly.fromNetwork(), "network", spec.networks().keySet());
            } else if (!n.isLocal() || n.layers().size() != 1
                    || !(n.layers().get(0) instanceof LayerSpec.Dense d && "identity".equals(d.activation()))) {
                problem(p + ".fromNetwork", "network '" + poly.fromNetwork()
                        + "' is not a local linear network (one dense 1 layer, identity)");
            }
        }
    }

    private void lrRangeTest(String name, LrRangeTestSpec t) {
        String p = "lrRangeTests." + name;
        name(p, name, "LR range test");
        if (!spec.networks().containsKey(t.network())) {
            unknown(p + ".network", t.network(), "network", spec.networks().keySet());
        }
        positive(p + ".startLr", t.startLr());
        positive(p + ".endLr", t.endLr());
        if (valid(t.startLr()) && valid(t.endLr()) && !(t.endLr() > t.startLr())) {
            problem(p + ".endLr", "end rate " + t.endLr() + " must be above the start rate " + t.startLr());
        }
        atLeast(p + ".iterations", t.iterations(), 2);
        oneOf(p + ".ramp", t.ramp(), Vocabulary.RAMPS);
        if (!(t.smoothing() >= 0 && t.smoothing() < 1)) {
            problem(p + ".smoothing", "smoothing must be in [0, 1), got " + t.smoothing());
        }
        if (!(t.divergeThreshold() > 1)) {
            problem(p + ".divergeThreshold", "divergence threshold must be above 1, got " + t.divergeThreshold());
        }
    }

    private void evaluation(String name, EvaluationSpec e) {
        String p = "evaluations." + name;
        name(p, name, "evaluation");
        Set<String> known = new HashSet<>(spec.networks().keySet());
        known.addAll(spec.polynomials().keySet());
        known.add(Vocabulary.NONE);
        if (e.compare().isEmpty()) {
            problem(p + ".compare", "compare at least one parameterization ('none', a network or a polynomial)");
        }
        for (int i = 0; i < e.compare().size(); i++) {
            String c = e.compare().get(i);
            if (!known.contains(c)) {
                unknown(p + ".compare." + i, c, "parameterization", known);
            }
        }
        if (e.forcing() != null) {
            positive(p + ".forcing", e.forcing());
        }
        long rows = spec.simulation().samples() + 1L;
        double si = spec.simulation().sampleInterval();
        if (e instanceof EvaluationSpec.Trajectory t) {
            positive(p + ".duration", t.duration());
            if (t.start() >= rows || t.start() < -rows) {
                problem(p + ".start", "start sample " + t.start() + " is outside the " + rows + " samples");
            }
            if (t.dt() != null) {
                positive(p + ".dt", t.dt());
                coarseDt(p + ".dt", t.dt(), si);
            }
            runFits(p + ".duration", "a run of " + t.duration() + " time units at dt "
                    + (t.dt() == null ? si : t.dt()), t.duration(), t.dt() == null ? si : t.dt(), 1);
        } else if (e instanceof EvaluationSpec.Forecast f) {
            forecast(p, f, rows, si);
        } else if (e instanceof EvaluationSpec.Climate c) {
            climate(p, c);
        } else if (e instanceof EvaluationSpec.Ensemble en) {
            atLeast(p + ".initialConditions", en.initialConditions(), 1);
            positive(p + ".every", en.every());
            if (en.first() < 0) {
                problem(p + ".first", "first sample must be 0 or more, got " + en.first());
            }
            positive(p + ".duration", en.duration());
            // the runs start on truth samples, so every is a whole number of sampling intervals
            boolean onSamples = validSampleInterval() && valid(en.every()) && isWholeMultiple(en.every(), si);
            if (validSampleInterval() && valid(en.every()) && !onSamples) {
                problem(p + ".every", "every " + en.every() + " (model time units) must be a whole multiple of the "
                        + "sampling interval " + si);
            }
            double everySamples = onSamples ? Math.rint(en.every() / si) : 0;
            double lastSample = en.first() + (en.initialConditions() - 1.0) * everySamples
                    + Math.rint(en.duration() / si); // a double: no overflow
            if (onSamples && valid(en.duration()) && en.initialConditions() >= 1 && en.first() >= 0
                    && lastSample >= rows) {
                problem(p + ".initialConditions", en.initialConditions() + " initial conditions from sample "
                        + en.first() + " (first) every " + en.every() + " time units (" + String.format("%.0f",
                        everySamples) + " samples) for " + en.duration() + " time units need truth up to sample "
                        + String.format(lastSample < 1e15 ? "%.0f" : "%.3g", lastSample) + ", but the simulation has "
                        + rows);
            } else if (validSampleInterval()) {
                runFits(p + ".duration", en.initialConditions() + " runs of " + en.duration() + " time units",
                        en.duration(), si, en.initialConditions());
            }
        }
    }

    private void forecast(String p, EvaluationSpec.Forecast f, long rows, double si) {
        atLeast(p + ".initialConditions", f.initialConditions(), 2);
        positive(p + ".every", f.every());
        positive(p + ".lead", f.lead());
        atLeast(p + ".bootstrap", f.bootstrap(), 1);
        if (f.ceiling() && f.compare().contains(Vocabulary.CEILING)) {
            problem(p + ".compare", "'" + Vocabulary.CEILING + "' is the reference curve that ceiling true adds; "
                    + "give the parameterization another name");
        }
        if (!valid(f.every()) || !valid(f.lead()) || f.initialConditions() < 2 || !validSampleInterval()) {
            return;
        }
        // the runs start and are scored on truth samples, so both times must fall on them
        if (!isWholeMultiple(f.every(), si)) {
            problem(p + ".every", "every " + f.every() + " must be a whole multiple of the sampling interval " + si);
        }
        if (!isWholeMultiple(f.lead(), si)) {
            problem(p + ".lead", "lead " + f.lead() + " must be a whole multiple of the sampling interval " + si);
        }
        double everySamples = Math.rint(f.every() / si);
        double leadSamples = Math.rint(f.lead() / si);
        if (everySamples < 1 || leadSamples < 1) {
            return;
        }
        double last = (f.initialConditions() - 1) * everySamples + leadSamples; // a double: no overflow
        if (last >= rows) {
            long lastSample = (long) Math.min(last, Long.MAX_VALUE / 2);
            long fit = rows - 1 < leadSamples ? 0 : (long) ((rows - 1 - leadSamples) / everySamples) + 1;
            long needed = lastSample + 1;
            problem(p + ".initialConditions", f.initialConditions() + " initial conditions every " + f.every()
                    + " time units with lead " + f.lead() + " need " + needed + " truth samples ("
                    + (needed - 1) * si + " time units), but the simulation has " + rows + "; " + fit
                    + " fit. Simulate at least " + (needed - 1) + " samples, or ask for at most " + fit
                    + " initial conditions");
        }
    }

    private void climate(String p, EvaluationSpec.Climate c) {
        if (c.compare().contains("truth")) {
            // its metrics would take the place of the truth's (online.<evaluation>.truth)
            problem(p + ".compare", "'truth' is the row of the truth's own statistics in a climate evaluation; "
                    + "give the parameterization another name");
        }
        positive(p + ".duration", c.duration());
        nonNegative(p + ".spinUp", c.spinUp());
        if (c.spinUp() >= 0) {
            runFits(p + (c.spinUp() > c.duration() ? ".spinUp" : ".duration"), "a climate run of " + c.duration()
                    + " time units after a spin-up of " + c.spinUp(), c.duration() + c.spinUp(),
                    spec.simulation().sampleInterval(), 2);
        }
        positive(p + ".binWidth", c.binWidth());
        finite(p + ".binFrom", c.binFrom());
        finite(p + ".binTo", c.binTo());
        if (!Double.isFinite(c.binFrom()) || !Double.isFinite(c.binTo())) {
            // reported as not finite
        } else if (!(c.binTo() > c.binFrom())) {
            problem(p + ".binTo", "binRange end " + c.binTo() + " must be above its start " + c.binFrom());
        } else if (c.binWidth() > 0 && Double.isFinite(c.binWidth())
                && (c.binTo() - c.binFrom()) / c.binWidth() > MAX_BINS) {
            problem(p + ".binWidth", "bins " + c.binWidth() + " wide over [" + c.binFrom() + ", " + c.binTo()
                    + ") are more than " + MAX_BINS + " bins");
        } else if (c.binWidth() > 0 && c.bins() < 2) {
            problem(p + ".binWidth", "bins " + c.binWidth() + " wide give fewer than 2 bins over [" + c.binFrom()
                    + ", " + c.binTo() + ")");
        }
        positive(p + ".maxLag", c.maxLag());
        if (valid(c.maxLag()) && valid(c.duration()) && c.maxLag() >= c.duration()) {
            problem(p + ".maxLag", "the longest lag " + c.maxLag() + " must be shorter than the run's duration "
                    + c.duration());
        }
    }

    private void evaluationRef(String path, String name, Class<? extends EvaluationSpec> type, String what) {
        String chartWord = path.startsWith("charts.") ? chartWord(Integer.parseInt(path.split("\\.")[1])) : null;
        if (!type.isInstance(spec.evaluations().get(name)) && (chartWord == null
                || !wrongKindOfEvaluation(path, chartWord, name, what.substring(0, what.indexOf(' '))))) {
            unknown(path, name, what, spec.evaluations().entrySet().stream()
                    .filter(e -> type.isInstance(e.getValue())).map(Map.Entry::getKey).toList());
        }
    }

    private void charts() {
        Set<String> files = new HashSet<>();
        for (int i = 0; i < spec.charts().size(); i++) {
            ChartSpec c = spec.charts().get(i);
            String p = "charts." + i;
            if (c.file() == null || !NAME.matcher(c.file()).matches()) {
                problem(p + ".file", "chart file name '" + c.file() + "' must use letters, digits, '.', '_', '-'");
            } else if (!files.add(c.file())) {
                problem(p + ".file", "two charts write '" + c.file() + "'");
            }
            if (c instanceof ChartSpec.BatchScatter b && b.network() != null) {
                networkRef(p + ".network", b.network());
            } else if (c instanceof ChartSpec.Predictions pr) {
                networkRef(p + ".network", pr.network());
                variable(p + ".variable", pr.variable());
                atLeast(p + ".samples", pr.samples(), 1);
            } else if (c instanceof ChartSpec.Trajectories tr) {
                if (!(spec.evaluations().get(tr.evaluation()) instanceof EvaluationSpec.Trajectory)
                        && !wrongKindOfEvaluation(p + ".evaluation", "trajectories", tr.evaluation(), "trajectory")) {
                    unknown(p + ".evaluation", tr.evaluation(), "trajectory evaluation",
                            spec.evaluations().entrySet().stream()
                                    .filter(e -> e.getValue() instanceof EvaluationSpec.Trajectory)
                                    .map(Map.Entry::getKey).toList());
                }
                variable(p + ".variable", tr.variable());
                atLeast(p + ".steps", tr.steps(), 1);
                trajectorySteps(p + ".steps", tr);
            } else if (c instanceof ChartSpec.Activation a) {
                oneOf(p + ".activation", a.activation(), Vocabulary.ACTIVATIONS);
                finite(p + ".from", a.from());
                finite(p + ".to", a.to());
                if (Double.isFinite(a.from()) && Double.isFinite(a.to()) && !(a.to() > a.from())) {
                    problem(p + ".to", "range end " + a.to() + " must be above its start " + a.from());
                }
            } else if (c instanceof ChartSpec.RmseByLead r) {
                evaluationRef(p + ".evaluation", r.evaluation(), EvaluationSpec.Forecast.class, "forecast evaluation");
            } else if (c instanceof ChartSpec.AnomalyCorrelation a) {
                evaluationRef(p + ".evaluation", a.evaluation(), EvaluationSpec.Forecast.class, "forecast evaluation");
            } else if (c instanceof ChartSpec.Pdfs pd) {
                evaluationRef(p + ".evaluation", pd.evaluation(), EvaluationSpec.Climate.class, "climate evaluation");
            } else if (c instanceof ChartSpec.Autocorrelation ac) {
                evaluationRef(p + ".evaluation", ac.evaluation(), EvaluationSpec.Climate.class, "climate evaluation");
            } else if (c instanceof ChartSpec.LrSchedule ls) {
                networkRef(p + ".network", ls.network());
            } else if (c instanceof ChartSpec.LossCurves lc) {
                networkRef(p + ".network", lc.network());
            } else if (c instanceof ChartSpec.LrRangeTest lr) {
                if (!spec.lrRangeTests().containsKey(lr.test())) {
                    unknown(p + ".test", lr.test(), "LR range test", spec.lrRangeTests().keySet());
                }
            }
        }
    }

    private void sweep(SweepSpec s) {
        oneOf("sweep.combine", s.combine(), Vocabulary.COMBINE);
        atLeast("sweep.seeds", s.seeds(), 1);
        int size = -1;
        for (int i = 0; i < s.axes().size(); i++) {
            SweepSpec.Axis axis = s.axes().get(i);
            if (axis.path() == null || axis.path().isBlank()) {
                problem("sweep.axes." + i + ".path", "an axis needs a spec path");
            }
            if (axis.values().isEmpty()) {
                problem("sweep.axes." + i + ".values", "axis '" + axis.path() + "' has no values");
            }
            if ("zip".equals(s.combine()) && size >= 0 && axis.values().size() != size) {
                problem("sweep.axes." + i + ".values", "zipped axes need equally many values: " + size + " and "
                        + axis.values().size());
            }
            size = axis.values().size();
        }
    }

    /** A sampling interval the other checks can divide by (its own problems are reported at simulation). */
    private boolean validSampleInterval() {
        double si = spec.simulation().sampleInterval();
        double dt = spec.world().dt();
        // shorter than the world's dt it holds no step at all; merely not a multiple of it, it is still a length
        return si > 0 && Double.isFinite(si) && (!(dt > 0) || !Double.isFinite(dt) || si >= dt * (1 - 1e-9));
    }

    /** Finite coefficients: a NaN or infinite one makes every coarse-model run NaN from the first step. */
    private void coefficients(String path, PolynomialSpec poly) {
        if (poly.coefficients() == null) {
            return;
        }
        for (int i = 0; i < poly.coefficients().size(); i++) {
            Double c = poly.coefficients().get(i);
            if (c == null || !Double.isFinite(c)) {
                problem(path + "." + i, "coefficient " + i + " (of x^" + (poly.coefficients().size() - 1 - i)
                        + ") must be a finite number, got " + c);
            }
        }
    }

    /**
     * The coarse model's {@code dt} of an evaluation steps from one truth sample to the next, so it must divide the
     * sampling interval (the same rule, and the same round-off tolerance, as the world's dt).
     */
    private void coarseDt(String path, double dt, double si) {
        if (!(dt > 0) || Double.isInfinite(dt) || !validSampleInterval()) {
            return; // reported as not positive, or at the sampling interval
        }
        if (dt > si * (1 + 1e-9)) {
            problem(path, "dt " + dt + " is longer than the sampling interval " + si
                    + " (sampleEvery); the coarse model must step onto every sample");
        } else if (!isWholeMultiple(si, dt)) {
            long steps = (long) Math.floor(si / dt) + 1;
            problem(path, "dt " + dt + " does not divide the sampling interval " + si + " (sampleEvery) into whole "
                    + "steps (" + si / dt + " per sample); use a dt such as " + new java.math.BigDecimal(si / steps)
                    .round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString() + " (" + steps
                    + " steps per sample)");
        }
    }

    /**
     * A run of {@code duration} time units at {@code dt} for {@code members} initial conditions keeps its X history
     * in one Java array; refuse what cannot fit there instead of failing at run time.
     */
    private void runFits(String path, String what, double duration, double dt, long members) {
        if (!(duration > 0) || !(dt > 0) || !Double.isFinite(duration) || !Double.isFinite(dt) || members < 1
                || (dt == spec.simulation().sampleInterval() && !validSampleInterval())) {
            return; // reported elsewhere
        }
        double values = members * (Math.rint(duration / dt) + 1) * spec.world().k();
        if (values > MAX_ARRAY) {
            problem(path, what + " needs " + String.format("%.3g", values) + " stored values, more than one array "
                    + "holds (" + MAX_ARRAY + "); make it shorter");
        }
    }

    /** The DSL word of chart i (the JSON type name, which is the word). */
    private String chartWord(int i) {
        com.fasterxml.jackson.annotation.JsonSubTypes types =
                ChartSpec.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class);
        Class<?> c = spec.charts().get(i).getClass();
        for (var t : types.value()) {
            if (t.value() == c) {
                return t.name();
            }
        }
        return c.getSimpleName();
    }

    /** The simulation keeps X and Y of every sample in arrays: (samples + 1)·K·J values must fit one. */
    private void simulationFits(SimulationSpec s, WorldSpec w) {
        if (s.samples() < 1 || w.k() < 4 || w.j() < 1 || (long) w.k() * w.j() > MAX_FAST) {
            return;
        }
        long perSample = (long) w.k() * w.j();
        if ((s.samples() + 1L) * perSample > MAX_ARRAY) {
            problem("simulation.samples", s.samples() + " samples of J·K = " + perSample + " fast variables do not "
                    + "fit in one array (" + MAX_ARRAY + " values); at most " + (MAX_ARRAY / perSample - 1)
                    + " samples");
        }
    }

    /** The two-scale model's limit on J·K (its work arrays hold several copies of Y). */
    private static final int MAX_FAST = Integer.MAX_VALUE / 8;

    /** NumPy's legacy generator, which draws the world's initial state, takes seeds 0 … 2^32 − 1. */
    private void seed(long seed, WorldSpec w) {
        if (WorldSpec.RNG_NUMPY_LEGACY.equals(w.rng()) && (seed < 0 || seed > 0xFFFF_FFFFL)) {
            problem("seed", "seed " + seed + " is outside 0 … 4294967295 (2^32 − 1), the seeds of NumPy's legacy "
                    + "generator that draws the world's initial state");
        }
    }

    private static final int MAX_BINS = 1_000_000;

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * A chart's evaluation of the wrong kind: say what it is, what this chart draws, and which charts draw that kind
     * (instead of "no trajectory evaluation named 'ics'; did you mean 'ics'?").
     */
    private boolean wrongKindOfEvaluation(String path, String chartWord, String name, String wanted) {
        EvaluationSpec e = spec.evaluations().get(name);
        if (e == null) {
            return false;
        }
        String kind = kindOf(e);
        List<String> sameKind = spec.evaluations().entrySet().stream()
                .filter(x -> kindOf(x.getValue()).equals(wanted)).map(Map.Entry::getKey).toList();
        problem(path, "'" + name + "' is " + article(kind) + " evaluation, but " + chartWord + " draws "
                + article(wanted) + " evaluation (" + (sameKind.isEmpty() ? "none is declared"
                : "declared: " + String.join(", ", sameKind)) + "); " + chartsDrawing(kind));
        return true;
    }

    private static String kindOf(EvaluationSpec e) {
        if (e instanceof EvaluationSpec.Trajectory) {
            return "trajectory";
        } else if (e instanceof EvaluationSpec.Forecast) {
            return "forecast";
        } else if (e instanceof EvaluationSpec.Climate) {
            return "climate";
        }
        return "ensemble";
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static String chartsDrawing(String kind) {
        return switch (kind) {
            case "trajectory" -> "a trajectory is drawn by trajectories";
            case "forecast" -> "a forecast is drawn by rmseByLead and anomalyCorrelation";
            case "climate" -> "a climate evaluation is drawn by pdfs and autocorrelation";
            default -> "no chart draws an ensemble: its scores are in the run's summary and report";
        };
    }

    private void networkRef(String path, String name) {
        if (!spec.networks().containsKey(name)) {
            unknown(path, name, "network", spec.networks().keySet());
        }
    }

    private void variable(String path, int k) {
        if (spec.world().k() >= 4 && (k < 0 || k >= spec.world().k())) {
            problem(path, "variable " + k + " is outside X_0..X_" + (spec.world().k() - 1));
        }
    }

    /** The name of a network, polynomial, LR range test or evaluation: a segment of spec paths, so no '.'. */
    private void name(String path, String name, String what) {
        if (name == null || !SpecPaths.SEGMENT_NAME.matcher(name).matches()) {
            problem(path, what + " name '" + name + "' " + SpecPaths.segmentNameRule(path.substring(0,
                    path.indexOf('.'))));
        }
    }

    private void unknown(String path, String name, String what, java.util.Collection<String> known) {
        String hint = Suggest.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse(
                known.isEmpty() ? "; none is declared" : "; declared: " + String.join(", ", known));
        String other = declaredAs(name);
        problem(path, "no " + what + " named '" + name + "'" + (other == null ? "" : " ('" + name + "' is " + other
                + ")") + hint);
    }

    /** What else a name is declared as, to tell a user who gave a polynomial where a network belongs. */
    private String declaredAs(String name) {
        if (spec.networks().containsKey(name)) {
            return "a network";
        } else if (spec.polynomials().containsKey(name)) {
            return "a polynomial";
        } else if (spec.lrRangeTests().containsKey(name)) {
            return "an LR range test";
        } else if (spec.evaluations().containsKey(name)) {
            return article(kindOf(spec.evaluations().get(name))) + " evaluation";
        }
        return null;
    }

    private void oneOf(String path, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            String hint = Suggest.closest(value, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
            problem(path, "'" + value + "' is not one of " + String.join(", ", allowed) + hint);
        }
    }

    /** A trajectories chart draws coarse steps of its evaluation's dt, no more than the run has. */
    private void trajectorySteps(String path, ChartSpec.Trajectories tr) {
        if (!(spec.evaluations().get(tr.evaluation()) instanceof EvaluationSpec.Trajectory t)) {
            return;
        }
        double si = spec.simulation().sampleInterval();
        double dt = t.dt() != null ? t.dt() : si;
        if (!valid(dt) || !valid(t.duration()) || !validSampleInterval() || !isWholeMultiple(si, dt)) {
            return; // reported where dt or the duration is declared
        }
        long runSteps = Math.round(t.duration() / dt);
        if (tr.steps() > runSteps) {
            problem(path, "steps " + tr.steps() + " is more than trajectory '" + tr.evaluation() + "' runs: "
                    + runSteps + " coarse steps of dt " + dt + " (duration " + t.duration() + "); give steps: "
                    + runSteps + " or fewer" + (tr.steps() == 200 ? " (200 is the default)" : "")
                    + ", or a longer duration");
        }
    }

    private void atLeast(String path, int value, int min) {
        if (value < min) {
            problem(path, leaf(path) + " must be at least " + min + ", got " + value);
        }
    }

    private void positive(String path, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            problem(path, leaf(path) + " must be a positive number, got " + value);
        }
    }

    private void nonNegative(String path, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            problem(path, leaf(path) + " must be zero or more, got " + value);
        }
    }

    private void unit(String path, double value) {
        if (!(value >= 0 && value < 1)) {
            problem(path, leaf(path) + " must be in [0, 1), got " + value);
        }
    }

    private void finite(String path, double value) {
        if (!Double.isFinite(value)) {
            problem(path, leaf(path) + " must be a finite number, got " + value);
        }
    }

    private void nonZero(String path, double value) {
        if (!Double.isFinite(value) || value == 0) {
            problem(path, leaf(path) + " must be a finite non-zero number, got " + value);
        }
    }

    /** A positive finite number: one that the checks of other fields may divide by or compare with. */
    private static boolean valid(double v) {
        return v > 0 && Double.isFinite(v);
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

}
