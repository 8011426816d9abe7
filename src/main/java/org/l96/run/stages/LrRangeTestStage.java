package org.l96.run.stages;

import org.l96.nn.LrRangeTest;
import org.l96.nn.TrainingListener;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LrRangeTestSpec;
import org.l96.spec.NetworkSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An LR range test on a throwaway copy of a network; writes {@code result.json} (rates, losses, suggestion). */
public final class LrRangeTestStage implements Stage {
    public static final String PREFIX = LrRangeTestOutputs.PREFIX;
    public static final String RESULT = LrRangeTestOutputs.RESULT;
    private final ExperimentSpec spec;
    private final String test;

    public LrRangeTestStage(ExperimentSpec spec, String test) {
        this.spec = spec;
        this.test = test;
    }

    public static String nameOf(String test) {
        return LrRangeTestOutputs.stageName(test);
    }

    @Override
    public String name() {
        return nameOf(test);
    }

    @Override
    public List<String> inputs() {
        return List.of(SimulateStage.NAME);
    }

    @Override
    public Object keyMaterial() {
        LrRangeTestSpec t = spec.lrRangeTests().get(test);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", spec.seed());
        m.put("test", test);
        m.put("spec", t);
        m.put("network", networkAsTheTestUsesIt(StageInputs.network(spec, t.network())));
        m.put("data", spec.data());
        m.put("semantics", org.l96.nn.Trainer.SEMANTICS);
        return m;
    }

    /**
     * The network as the range test uses it: its layers, initialization, loss, optimizer and batch size, but not its
     * training length, schedule, early stopping or learning rate, which the test replaces by its own ramp (so
     * changing a network's epochs does not rerun its range test).
     */
    private static com.fasterxml.jackson.databind.JsonNode networkAsTheTestUsesIt(NetworkSpec n) {
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                org.l96.spec.SpecJson.toTree(n);
        com.fasterxml.jackson.databind.node.ObjectNode train = (com.fasterxml.jackson.databind.node.ObjectNode)
                tree.get("train");
        train.remove(java.util.List.of("epochs", "schedule", "earlyStopping"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) train.get("optimizer")).remove("lr");
        return tree;
    }

    @Override
    public Map<String, String> keyMaterialPaths() {
        return Map.of("seed", "seed", "spec", "lrRangeTests." + test, "data", "data",
                "network", "networks." + spec.lrRangeTests().get(test).network());
    }

    @Override
    public void prepare() {
        org.l96.nn.Nd4jSetup.warmUp();
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        LrRangeTestSpec t = spec.lrRangeTests().get(test);
        NetworkSpec n = StageInputs.network(spec, t.network());
        ctx.progress().update(0, "ramping " + t.startLr() + " → " + t.endLr());
        LrRangeTest.Result r = LrRangeTest.run(t, n, StageInputs.trainingData(ctx, n.inputLayout()),
                StageInputs.seedOf(spec, "lr-range-test/" + test), new TrainingListener() {
                    @Override
                    public void onEpoch(int epoch, double trainLoss, double valLoss, double lr) {
                    }

                    @Override
                    public boolean stopRequested() {
                        return ctx.cancelled();
                    }
                });
        r.write(ctx.dir().resolve(RESULT));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(LrRangeTestOutputs.SUGGESTED_LR, r.suggestedLr());
        m.put("iterations", r.iterationsRun());
        m.put("stoppedAtIteration", r.stoppedAtIteration());
        m.put(LrRangeTestOutputs.STOPPED_AT_LR, r.lrs().get(r.lrs().size() - 1));
        m.put("diverged", r.diverged());
        ctx.metric(LrRangeTestOutputs.metricPath(test), m);
    }
}
