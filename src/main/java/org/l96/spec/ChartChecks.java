package org.l96.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks of charts: file names, the networks, evaluations and tests they draw, of the right kind. */
final class ChartChecks extends Checks {
    ChartChecks(ExperimentSpec spec, List<Problem> problems) {
        super(spec, problems);
    }

    void charts() {
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
                        && !wrongKindOfEvaluation(p + ".evaluation", "trajectories", tr.evaluation(),
                        Vocabulary.EvaluationKind.TRAJECTORY.word())) {
                    unknown(p + ".evaluation", tr.evaluation(), "trajectory evaluation",
                            spec.evaluations().entrySet().stream()
                                    .filter(e -> e.getValue() instanceof EvaluationSpec.Trajectory)
                                    .map(Map.Entry::getKey).toList());
                }
                variable(p + ".variable", tr.variable());
                atLeast(p + ".steps", tr.steps(), 1);
                trajectorySteps(p + ".steps", tr.evaluation(), tr.steps(),
                        tr.steps() == Defaults.TRAJECTORIES_STEPS);
            } else if (c instanceof ChartSpec.Activation a) {
                oneOf(p + ".activation", a.activation(), Vocabulary.Activation.class);
                finite(p + ".from", a.from());
                finite(p + ".to", a.to());
                if (Double.isFinite(a.from()) && Double.isFinite(a.to()) && !(a.to() > a.from())) {
                    problem(p + ".to", "range end " + a.to() + " must be above its start " + a.from());
                }
            } else if (c instanceof ChartSpec.RmseByLead r) {
                evaluationRef(p + ".evaluation", r.evaluation(), Vocabulary.EvaluationKind.FORECAST);
            } else if (c instanceof ChartSpec.SpreadByLead || c instanceof ChartSpec.CrpsByLead
                    || c instanceof ChartSpec.RankHistograms) {
                String ev = ((ChartSpec.OfEvaluation) c).evaluation();
                evaluationRef(p + ".evaluation", ev, Vocabulary.EvaluationKind.FORECAST);
                if (spec.evaluations().get(ev) instanceof EvaluationSpec.Forecast f) {
                    if (f.membersOrOne() < 2) {
                        problem(p + ".evaluation", "forecast '" + ev + "' is not an ensemble: give it members 2 or "
                                + "more to draw its ensemble scores");
                    } else if (c instanceof ChartSpec.RankHistograms && f.rankLeadsOrNone().isEmpty()) {
                        problem(p + ".evaluation", "forecast '" + ev + "' keeps no rank histogram: give it "
                                + "rankLeads");
                    }
                }
            } else if (c instanceof ChartSpec.AnomalyCorrelation a) {
                evaluationRef(p + ".evaluation", a.evaluation(), Vocabulary.EvaluationKind.FORECAST);
            } else if (c instanceof ChartSpec.Pdfs pd) {
                evaluationRef(p + ".evaluation", pd.evaluation(), Vocabulary.EvaluationKind.CLIMATE);
            } else if (c instanceof ChartSpec.Autocorrelation ac) {
                evaluationRef(p + ".evaluation", ac.evaluation(), Vocabulary.EvaluationKind.CLIMATE);
            } else if (c instanceof ChartSpec.LrSchedule ls) {
                networkRef(p + ".network", ls.network());
            } else if (c instanceof ChartSpec.LossCurves lc) {
                networkRef(p + ".network", lc.network());
            } else if (c instanceof ChartSpec.LossComparison lc) {
                if (lc.networks() == null || lc.networks().isEmpty()) {
                    problem(p + ".networks", "lossComparison needs at least one network, e.g. lossComparison 'ann', "
                            + "'ann-decay' (declared: " + String.join(", ", spec.networks().keySet()) + ")");
                } else {
                    Set<String> seen = new HashSet<>();
                    String first = null;
                    for (int j = 0; j < lc.networks().size(); j++) {
                        String n = lc.networks().get(j);
                        if (!seen.add(n)) {
                            problem(p + ".networks." + j, "lossComparison names network '" + n + "' twice");
                        } else if (networkRef(p + ".networks." + j, n)) {
                            // an online network's loss is the rollout's state error, an offline one's the coupling
                            // term's error: different quantities, which one axis would pass off as comparable
                            if (first == null) {
                                first = n;
                            } else if (online(first) != online(n)) {
                                String on = online(n) ? n : first;
                                String off = online(n) ? first : n;
                                problem(p + ".networks." + j, "lossComparison cannot draw online network '" + on
                                        + "' with offline network '" + off + "': an online (rollout) loss is the "
                                        + "error of the coarse model's state X over a window, an offline loss the "
                                        + "error of the coupling term — different quantities on different scales. "
                                        + "Compare online networks in one lossComparison and offline ones in "
                                        + "another, or draw each with lossCurves");
                            }
                        }
                    }
                }
            } else if (c instanceof ChartSpec.CouplingScatter cs) {
                atLeast(p + ".samples", cs.samples(), 1);
                Set<String> seenPoly = new HashSet<>();
                for (int j = 0; j < cs.polynomials().size(); j++) {
                    String name = cs.polynomials().get(j);
                    PolynomialSpec poly = spec.polynomials().get(name);
                    if (!seenPoly.add(name)) {
                        problem(p + ".polynomials." + j, "couplingScatter names polynomial '" + name + "' twice");
                    } else if (poly == null) {
                        unknown(p + ".polynomials." + j, name, "polynomial", spec.polynomials().keySet());
                    } else if (poly.from() != null) {
                        problem(p + ".polynomials." + j, "'" + name + "' is a stochastic scheme (noise added to '"
                                + poly.from() + "'): couplingScatter draws deterministic polynomials; name '"
                                + poly.from() + "' instead");
                    }
                }
            } else if (c instanceof ChartSpec.Hovmoller h) {
                if (!(spec.evaluations().get(h.evaluation()) instanceof EvaluationSpec.Trajectory t)) {
                    if (!wrongKindOfEvaluation(p + ".evaluation", "hovmoller", h.evaluation(),
                            Vocabulary.EvaluationKind.TRAJECTORY.word())) {
                        unknown(p + ".evaluation", h.evaluation(), "trajectory evaluation",
                                spec.evaluations().entrySet().stream()
                                        .filter(e -> e.getValue() instanceof EvaluationSpec.Trajectory)
                                        .map(Map.Entry::getKey).toList());
                    }
                } else {
                    if (h.scheme() != null && !t.compare().contains(h.scheme())) {
                        unknown(p + ".scheme", h.scheme(), "scheme compared by trajectory '" + h.evaluation() + "'",
                                t.compare());
                    }
                    if (h.steps() != null) {
                        atLeast(p + ".steps", h.steps(), 1);
                        trajectorySteps(p + ".steps", h.evaluation(), h.steps(), false);
                    }
                }
            } else if (c instanceof ChartSpec.LrRangeTest lr) {
                if (!spec.lrRangeTests().containsKey(lr.test())) {
                    unknown(p + ".test", lr.test(), "LR range test", spec.lrRangeTests().keySet());
                }
            }
        }
    }

    private boolean online(String network) {
        return spec.networks().get(network).train().isRollout();
    }

    void evaluationRef(String path, String name, Vocabulary.EvaluationKind wanted) {
        String chartWord = path.startsWith("charts.") ? chartWord(Integer.parseInt(path.split("\\.")[1])) : null;
        EvaluationSpec e = spec.evaluations().get(name);
        if ((e == null || Vocabulary.EvaluationKind.of(e) != wanted) && (chartWord == null
                || !wrongKindOfEvaluation(path, chartWord, name, wanted.word()))) {
            unknown(path, name, wanted.word() + " evaluation", spec.evaluations().entrySet().stream()
                    .filter(x -> Vocabulary.EvaluationKind.of(x.getValue()) == wanted).map(Map.Entry::getKey)
                    .toList());
        }
    }

    /** The DSL word of chart i (the JSON type name, which is the word). */
    String chartWord(int i) {
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

    /**
     * A chart's evaluation of the wrong kind: say what it is, what this chart draws, and which charts draw that kind
     * (instead of "no trajectory evaluation named 'ics'; did you mean 'ics'?").
     */
    boolean wrongKindOfEvaluation(String path, String chartWord, String name, String wanted) {
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

    static String chartsDrawing(String kind) {
        return switch (Vocabulary.of(Vocabulary.EvaluationKind.class, kind)) {
            case TRAJECTORY -> "a trajectory is drawn by trajectories and hovmoller";
            case FORECAST -> "a forecast is drawn by rmseByLead and anomalyCorrelation";
            case CLIMATE -> "a climate evaluation is drawn by pdfs and autocorrelation";
            case ENSEMBLE -> "no chart draws an ensemble: its scores are in the run's summary and report";
        };
    }

    /** A trajectories chart draws coarse steps of its evaluation's dt, no more than the run has. */
    void trajectorySteps(String path, String evaluation, int steps, boolean isDefault) {
        if (!(spec.evaluations().get(evaluation) instanceof EvaluationSpec.Trajectory t)) {
            return;
        }
        double si = spec.simulation().sampleInterval();
        double dt = t.dt() != null ? t.dt() : si;
        if (!valid(dt) || !valid(t.duration()) || !validSampleInterval() || !isWholeMultiple(si, dt)) {
            return; // reported where dt or the duration is declared
        }
        long runSteps = Math.round(t.duration() / dt);
        if (steps > runSteps) {
            problem(path, "steps " + steps + " is more than trajectory '" + evaluation + "' runs: "
                    + runSteps + " coarse steps of dt " + dt + " (duration " + t.duration() + "); give steps: "
                    + runSteps + " or fewer" + (isDefault
                    ? " (" + Defaults.TRAJECTORIES_STEPS + " is the default)" : "")
                    + ", or a longer duration");
        }
    }
}
