package org.l96.run;

import org.l96.run.stages.ChartStage;
import org.l96.run.stages.EvaluateStage;
import org.l96.run.stages.LrRangeTestStage;
import org.l96.run.stages.PolynomialStage;
import org.l96.run.stages.ReportStage;
import org.l96.run.stages.SimulateStage;
import org.l96.run.stages.TrainStage;
import org.l96.spec.ExperimentSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a spec into its stages, in an order where every stage comes after the stages it reads: simulate; one
 * training per network (a network that continues another after it); LR range tests; evaluations; one stage per
 * chart; the report.
 */
public final class Planner {
    private Planner() {
    }

    public static List<Stage> plan(ExperimentSpec spec) {
        List<Stage> stages = new ArrayList<>();
        stages.add(new SimulateStage(spec));
        Set<String> planned = new HashSet<>();
        for (String name : spec.networks().keySet()) {
            planTraining(spec, name, planned, stages);
        }
        // every polynomial, used by an evaluation or not: its coefficients (a stochastic scheme: its noise too)
        for (String polynomial : spec.polynomials().keySet()) {
            stages.add(new PolynomialStage(spec, polynomial));
        }
        for (String test : spec.lrRangeTests().keySet()) {
            stages.add(new LrRangeTestStage(spec, test));
        }
        for (String evaluation : spec.evaluations().keySet()) {
            stages.add(new EvaluateStage(spec, evaluation));
        }
        List<String> reportInputs = new ArrayList<>();
        for (var chart : spec.charts()) {
            ChartStage c = new ChartStage(spec, chart);
            stages.add(c);
            reportInputs.add(c.name());
        }
        for (Stage s : stages) {
            if (!(s instanceof ChartStage) && !reportInputs.contains(s.name())) {
                reportInputs.add(s.name());
            }
        }
        stages.add(new ReportStage(spec, reportInputs));
        return stages;
    }

    /** Continued networks first: a training reads the one it continues. */
    private static void planTraining(ExperimentSpec spec, String name, Set<String> planned, List<Stage> stages) {
        if (planned.contains(name)) {
            return;
        }
        String base = spec.networks().get(name).continueFrom();
        if (base != null) {
            planTraining(spec, base, planned, stages);
        }
        planned.add(name);
        stages.add(new TrainStage(spec, name));
    }
}
