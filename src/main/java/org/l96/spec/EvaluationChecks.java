package org.l96.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks of evaluations: what they compare, their times on the sample grid, what their runs keep. */
final class EvaluationChecks extends Checks {
    EvaluationChecks(ExperimentSpec spec, List<Problem> problems) {
        super(spec, problems);
    }

    void evaluation(String name, EvaluationSpec e) {
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
        String segment = Segments.of(e, spec.data());
        Segments.Range range = Segments.rows(segment, spec);
        if (e.segment() != null && !Segments.WORDS.contains(e.segment())) {
            problem(p + ".segment", "segment '" + e.segment() + "' is not a segment; use one of "
                    + String.join(", ", Segments.WORDS) + Suggest.closest(e.segment(), Segments.WORDS)
                    .map(w -> " (did you mean '" + w + "'?)").orElse(""));
            return;
        }
        if (e.segment() != null && e instanceof EvaluationSpec.Climate) {
            problem(p + ".segment", "a climate evaluation draws no initial conditions from the truth (it runs its own"
                    + " truth); leave out segment");
        }
        if (range == null && !(e instanceof EvaluationSpec.Climate)) {
            if (!Segments.ALL.equals(segment)) {
                problem(p + ".segment", "the data have no " + segment + " segment"
                        + (Segments.TEST.equals(segment) ? ": hold one out with data { test last: N }"
                        : Segments.VALIDATION.equals(segment) ? ": give data { validation last: N }" : "")
                        + ", or draw the initial conditions from another segment");
            }
            return; // the data's own mistake is reported at data
        }
        // initial conditions count from the segment's first row and must lie in it
        long from = range == null ? 0 : range.from();
        long length = range == null ? rows : range.length();
        String in = range == null || Segments.ALL.equals(segment) ? "the " + rows + " samples"
                : "the " + segment + " segment (" + length + " samples, " + from + " to " + (range.to() - 1) + ")";
        String needy = null;
        int firstStart = 0;
        for (String c : e.compare()) {
            NetworkSpec n = spec.networks().get(c);
            if (n != null && n.firstStartRow() > firstStart) {
                firstStart = n.firstStartRow();
                needy = c;
            }
        }
        // (in rows of the whole truth: start and first count in the segment)
        if (e instanceof EvaluationSpec.Trajectory t && needy != null && t.start() < length && t.start() >= -length
                && from + (t.start() < 0 ? length + t.start() : t.start()) < firstStart) {
            problem(p + ".start", "network '" + needy + "' starts from the truth's " + firstStart
                    + " samples before the initial state (" + whatItReads(spec.networks().get(needy))
                    + "): start at sample " + firstStart + " or later, got " + t.start()
                    + (t.start() < 0 ? " (sample " + (rows + t.start()) + ")" : ""));
        }
        if (e instanceof EvaluationSpec.Ensemble en && needy != null && en.first() >= 0
                && from + en.first() < firstStart) {
            problem(p + ".first", "network '" + needy + "' starts from the truth's " + firstStart
                    + " samples before each initial state (" + whatItReads(spec.networks().get(needy))
                    + "): the first initial condition must be sample " + firstStart
                    + " or later, got " + en.first());
        }
        // every evaluation chooses its coarse model's stepping (the forecast's are checked with its other words)
        if (!(e instanceof EvaluationSpec.Forecast)) {
            stepping(p, e, si);
        }
        if (e instanceof EvaluationSpec.Trajectory t) {
            positive(p + ".duration", t.duration());
            if (t.start() >= length || t.start() < -length) {
                problem(p + ".start", "start sample " + t.start() + " is outside " + in);
            }
            runFits(p + ".duration", "a run of " + t.duration() + " time units at dt "
                    + (t.dt() == null ? si : t.dt()), t.duration(), t.dt() == null ? si : t.dt(), 1);
        } else if (e instanceof EvaluationSpec.Forecast f) {
            // with a network that sees earlier samples the initial conditions start after its history
            long shift = Math.max(0, firstStart - from);
            forecast(p, f, Segments.ALL.equals(segment) ? rows - shift : rows, si, from + shift, length - shift, in,
                    segment);
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
            double lastStart = en.first() + (en.initialConditions() - 1.0) * everySamples;
            double lastSample = from + lastStart + Math.rint(en.duration() / si); // a double: no overflow
            double durationSamples = Math.rint(en.duration() / si);
            if (onSamples && en.initialConditions() >= 1 && en.first() >= 0 && lastStart >= length) {
                long fit = en.first() >= length ? 0 : (long) ((length - 1 - en.first()) / everySamples) + 1;
                problem(p + ".initialConditions", en.initialConditions() + " initial conditions from sample "
                        + en.first() + " every " + en.every() + " time units do not fit in " + in + ": the last "
                        + "starts at sample " + String.format("%.0f", lastStart) + " of it, which has " + length
                        + "; " + fit + " fit");
            } else if (onSamples && valid(en.duration()) && en.initialConditions() >= 1 && en.first() >= 0
                    && lastSample >= rows) {
                // samples are numbered 0 … rows − 1
                double room = rows - 1 - from - durationSamples - en.first();
                long fit = room < 0 ? 0 : (long) Math.min(room / everySamples + 1, Long.MAX_VALUE / 2);
                problem(p + ".initialConditions", en.initialConditions() + " initial conditions from sample "
                        + en.first() + " (first) every " + en.every() + " time units (" + String.format("%.0f",
                        everySamples) + " samples) for " + en.duration() + " time units need truth up to sample "
                        + String.format(lastSample < 1e15 ? "%.0f" : "%.3g", lastSample) + ", but the simulation's "
                        + "samples are 0 … " + (rows - 1) + "; " + fit + " fit" + (fit >= 1
                        ? ": ask for at most " + fit + " initial conditions, or" : ":") + " simulate at least "
                        + String.format(lastSample < 1e15 ? "%.0f" : "%.3g", lastSample) + " samples");
            } else if (validSampleInterval()) {
                double step = en.dt() != null && en.dt() > 0 ? en.dt() : si;
                runFits(p + ".duration", en.initialConditions() + " runs of " + en.duration() + " time units at dt "
                        + step, en.duration(), step, en.initialConditions());
            }
        }
    }

    /** Members per initial condition an ensemble forecast may ask for. */
    static final int MAX_MEMBERS = 1000;

    void forecast(String p, EvaluationSpec.Forecast f, long rows, double si, long from, long length, String in,
                  String segment) {
        atLeast(p + ".initialConditions", f.initialConditions(), 2);
        positive(p + ".every", f.every());
        positive(p + ".lead", f.lead());
        atLeast(p + ".bootstrap", f.bootstrap(), 1);
        if (f.members() != null) {
            atLeast(p + ".members", f.members(), 1);
            if (f.members() > MAX_MEMBERS) {
                problem(p + ".members", "at most " + MAX_MEMBERS + " members, got " + f.members());
            }
        }
        if (f.perturbation() != null) {
            nonNegative(p + ".perturbation", f.perturbation());
        }
        stepping(p, f, si);
        if (f.rankLeads() != null) {
            if (f.membersOrOne() < 2) {
                problem(p + ".rankLeads", "rank histograms need an ensemble: give members 2 or more");
            }
            for (int i = 0; i < f.rankLeads().size(); i++) {
                Double t = f.rankLeads().get(i);
                if (t == null || !(t > 0) || (valid(f.lead()) && t > f.lead() + 1e-9)) {
                    problem(p + ".rankLeads." + i, "rank lead " + t + " must be in (0, lead " + f.lead() + "]");
                } else if (validSampleInterval() && !isWholeMultiple(t, si)) {
                    problem(p + ".rankLeads." + i, "rank lead " + t + " must be a whole multiple of the sampling "
                            + "interval " + si);
                } else if (f.rankLeads().subList(0, i).contains(t)) {
                    problem(p + ".rankLeads." + i, "rank lead " + t + " is given twice: give each lead once");
                }
            }
        }
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
        double lastStart = (f.initialConditions() - 1) * everySamples;
        double last = lastStart + leadSamples; // a double: no overflow
        if (!Segments.ALL.equals(segment) && (lastStart >= length || from + last >= rows)) {
            long fit = Math.min(length - 1, rows - 1 - from - (long) leadSamples) < 0 ? 0
                    : (long) (Math.min(length - 1, rows - 1 - from - (long) leadSamples) / everySamples) + 1;
            problem(p + ".initialConditions", f.initialConditions() + " initial conditions every " + f.every()
                    + " time units with lead " + f.lead() + " need " + String.format("%.0f", last + 1)
                    + " samples from the first, but they are drawn from " + in + (f.segment() == null
                    ? " (a forecast's default when the data hold a test segment)" : "") + "; " + fit + " fit. "
                    + "Hold out a longer test segment, ask for fewer initial conditions, or draw them from the "
                    + "whole truth with segment 'all'");
        } else if (last >= rows) {
            long lastSample = (long) Math.min(last, Long.MAX_VALUE / 2);
            long fit = rows - 1 < leadSamples ? 0 : (long) ((rows - 1 - leadSamples) / everySamples) + 1;
            long needed = lastSample + 1;
            problem(p + ".initialConditions", f.initialConditions() + " initial conditions every " + f.every()
                    + " time units with lead " + f.lead() + " need " + needed + " truth samples ("
                    + (needed - 1) * si + " time units), but the simulation has " + rows + "; " + fit
                    + " fit. " + (spec.simulation().from() != null
                    ? "The dataset (" + spec.simulation().from() + ") is that long: write a longer one (l96 simulate "
                    + "--samples " + (needed - 1) + ")" : "Simulate at least " + (needed - 1) + " samples")
                    + (fit >= 2 ? ", or ask for at most " + fit + " initial conditions" : ""));
        }
    }

    void climate(String p, EvaluationSpec.Climate c) {
        if (c.compare().contains("truth")) {
            // its metrics would take the place of the truth's (online.<evaluation>.truth)
            problem(p + ".compare", "'truth' is the row of the truth's own statistics in a climate evaluation; "
                    + "give the parameterization another name");
        }
        positive(p + ".duration", c.duration());
        nonNegative(p + ".spinUp", c.spinUp());
        if (c.spinUp() >= 0) {
            double step = c.dt() != null && c.dt() > 0 ? c.dt() : spec.simulation().sampleInterval();
            runFits(p + (c.spinUp() > c.duration() ? ".spinUp" : ".duration"), "a climate run of " + c.duration()
                    + " time units after a spin-up of " + c.spinUp() + " at dt " + step, c.duration() + c.spinUp(),
                    step, 2);
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

    /** An evaluation's {@code stepper} (one of euler, rk2, rk4) and {@code dt} (a divisor of the sampling interval). */
    void stepping(String p, EvaluationSpec e, double si) {
        if (e.stepper() != null) {
            oneOf(p + ".stepper", e.stepper(), Vocabulary.Integrator.class);
        }
        if (e.dt() != null) {
            positive(p + ".dt", e.dt());
            coarseDt(p + ".dt", e.dt(), si);
        }
    }

    /**
     * The coarse model's {@code dt} of an evaluation steps from one truth sample to the next, so it must divide the
     * sampling interval (the same rule, and the same round-off tolerance, as the world's dt).
     */
    void coarseDt(String path, double dt, double si) {
        if (!(dt > 0) || Double.isInfinite(dt) || !validSampleInterval()) {
            return; // reported as not positive, or at the sampling interval
        }
        if (dt > si * (1 + 1e-9)) {
            problem(path, "dt " + dt + " is longer than the sampling interval " + si
                    + " (sampleEvery); the coarse model must step onto every sample");
        } else if (!isWholeMultiple(si, dt)) {
            long steps = (long) Math.floor(si / dt) + 1;
            problem(path, "dt " + dt + " does not divide the sampling interval " + si + " (sampleEvery) into whole "
                    + "steps (" + new java.math.BigDecimal(si / dt).round(new java.math.MathContext(4))
                    .stripTrailingZeros().toPlainString() + " per sample); use a dt such as " + new java.math.BigDecimal(si / steps)
                    .round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString() + " (" + steps
                    + " steps per sample)");
        }
    }

    static final int MAX_BINS = 1_000_000;

    /** What a network reads of the truth before an initial state, for the messages above. */
    private static String whatItReads(NetworkSpec n) {
        if (!n.seesPreviousCoupling()) {
            return "its history of " + n.historyLength() + " sample" + (n.historyLength() == 1 ? "" : "s");
        }
        return (n.historyLength() > 0 ? "its history of " + n.historyLength() + " sample"
                + (n.historyLength() == 1 ? "" : "s") + ", and " : "") + "the coupling term one sample before it; "
                + "sample 0's is a placeholder";
    }
}
