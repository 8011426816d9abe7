package org.l96.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.run.stages.ChartStage;
import org.l96.spec.ChartSpec;
import org.l96.spec.DataSpec;
import org.l96.spec.EarlyStoppingSpec;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.LrRangeTestSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.PolynomialSpec;
import org.l96.spec.Problem;
import org.l96.spec.ScheduleSpec;
import org.l96.spec.SimulationSpec;
import org.l96.spec.SpecJson;
import org.l96.spec.SpecValidator;
import org.l96.spec.TrainSpec;
import org.l96.spec.Vocabulary;
import org.l96.spec.WorldSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every setting does what it says (issue 10 §1, "the kind"). The test walks every leaf of the experiment spec — by
 * reflection over {@link ExperimentSpec} and all its nested records and every subtype of its polymorphic blocks — on
 * a small spec that has every kind of block, changes each leaf through its canonical JSON path (what {@code --set}
 * takes) to another valid value, and proves that the change reaches the stage that owns it: that stage's key
 * changes, and running it for real on a tiny world gives different output files. A field that changes no result is
 * allowed only on {@link #NOT_AFFECTING}, the list shown in {@code dsl-docs/README.md}, each with its reason.
 *
 * <p>A new spec field (or a new kind of layer, optimizer, schedule, evaluation or chart) fails
 * {@link #everyFieldOfTheSpecIsWalked} until the walk's spec has it (and it shows an effect) or it is listed as
 * changing no result.
 */
class SpecLeavesTest {
    @TempDir
    Path dir;

    /**
     * Fields that change no stage's result, with the reason (prefixes of type paths). Shown, with these reasons, in
     * dsl-docs/README.md, "Settings that change no result".
     */
    static final Map<String, String> NOT_AFFECTING = new TreeMap<>(Map.of(
            "name", "names the experiment's folder and the report's title; no number depends on it",
            "sweep", "says which experiments a sweep runs (each point is a full experiment with its own values); "
                    + "a single run ignores it",
            "world.rng", "has one allowed value today (numpy-legacy); a second generator comes with its own test"));

    /**
     * Fields that name files outside the spec (this walk's spec is files-free), with the test that shows a change
     * of their content reaching the stage's key and output.
     */
    static final Map<String, String> WALKED_ELSEWHERE = Map.of(
            "networks.*.load", "org.l96.cli.BringYourOwnTest: a rewritten model.zip reruns the loaded network with "
                    + "another SHA-256; its scores are the file's",
            "simulation.from", "org.l96.cli.BringYourOwnTest: the simulate key follows the files' contents, not "
                    + "their folder; a folder's data train as the same simulation inside");

    private static final String NONE = Vocabulary.NONE;

    /** A small spec with every kind of block: all layer kinds, optimizers, schedules, evaluations and charts. */
    static ExperimentSpec base() {
        Map<String, NetworkSpec> nets = new LinkedHashMap<>();
        nets.put("ann", new NetworkSpec(NetworkSpec.NON_LOCAL, List.of(new LayerSpec.Dense(8, "relu"),
                new LayerSpec.Dropout(0.1), new LayerSpec.BatchNorm(0.1, 1e-5), new LayerSpec.Dense(4, "identity")),
                "pytorch", "mse", new TrainSpec(3, new OptimizerSpec.Adam(0.003, 0.9, 0.999, 1e-8, 0.01),
                new ScheduleSpec.Cyclic(0.001, 0.01, 2, 3, "exp_range", 0.99), null, null), null));
        // minDelta so large that no epoch after the first counts as better: it stops after `patience` more epochs
        nets.put("early", new NetworkSpec(NetworkSpec.NON_LOCAL, List.of(new LayerSpec.Dense(4, "tanh")), "he",
                "mae", new TrainSpec(5, new OptimizerSpec.Sgd(0.01, 0.9, true, 0.001),
                new ScheduleSpec.Exponential(0.9), new EarlyStoppingSpec(1, 1e9, false), null), null));
        nets.put("loc", new NetworkSpec(NetworkSpec.LOCAL, List.of(new LayerSpec.Dense(4, "tanh"),
                new LayerSpec.Dense(1, "identity")), "xavier", "mse", new TrainSpec(2,
                new OptimizerSpec.RmsProp(0.001, 0.99, 1e-8, 0.5, 0.001), new ScheduleSpec.Step(1, 0.5), null, 32),
                null));
        nets.put("one", new NetworkSpec(NetworkSpec.NON_LOCAL, List.of(new LayerSpec.Dense(4, "identity")), null,
                null, new TrainSpec(2, new OptimizerSpec.AdamW(0.003, 0.9, 0.999, 1e-8, 0.01),
                new ScheduleSpec.OneCycle(0.01, 0.3, 25, 1e4), null, null), null));
        nets.put("more", new NetworkSpec(NetworkSpec.NON_LOCAL, nets.get("one").layers(), null, null,
                new TrainSpec(2, new OptimizerSpec.AdamW(0.002, 0.9, 0.999, 1e-8, 0.01), new ScheduleSpec.Constant(),
                null, null), "one"));
        // trained online, through the coarse model, with the offline loss added
        nets.put("roll", new NetworkSpec(NetworkSpec.NON_LOCAL, List.of(new LayerSpec.Dense(4, "tanh"),
                new LayerSpec.Dense(4, "identity")), null, null, new TrainSpec(2, OptimizerSpec.Adam.withLr(0.01),
                new ScheduleSpec.Constant(), null, 8, 5, "rk2", 0.01, 0.5), null));
        for (String lin : List.of("lin", "lin2")) {
            nets.put(lin, new NetworkSpec(NetworkSpec.LOCAL, List.of(new LayerSpec.Dense(1, "identity")), null,
                    null, new TrainSpec(lin.equals("lin") ? 2 : 3, OptimizerSpec.Adam.withLr(0.01),
                    new ScheduleSpec.Constant(), null, null), null));
        }
        // a stencil of X_{k-1..k+1} with one earlier state and the previous coupling term (issue 14 §1)
        nets.put("hist", new NetworkSpec(NetworkSpec.LOCAL, List.of(new LayerSpec.Dense(4, "tanh"),
                new LayerSpec.Dense(1, "identity")), null, null, new TrainSpec(2, OptimizerSpec.Adam.withLr(0.01),
                new ScheduleSpec.Constant(), null, null), null, 1, 1, true));
        Map<String, PolynomialSpec> polys = new LinkedHashMap<>();
        polys.put("cubic", new PolynomialSpec(null, 3, null));
        polys.put("fixed", new PolynomialSpec(List.of(-0.5, 0.1), null, null));
        polys.put("fromLin", new PolynomialSpec(null, null, "lin"));
        polys.put("noisy", new PolynomialSpec(null, null, null, "cubic",
                new org.l96.spec.NoiseSpec("additive", "ar1", 0.9, Map.of("sigma", 1.0))));
        Map<String, EvaluationSpec> evals = new LinkedHashMap<>();
        evals.put("traj", new EvaluationSpec.Trajectory(List.of(NONE, "ann", "cubic"), -1, 0.3, 0.005, null,
                "rk2", "train"));
        evals.put("ens", new EvaluationSpec.Ensemble(List.of(NONE, "loc", "fixed", "fromLin", "noisy"), 3, 0.5, 0, 0.3, null,
                "rk2", 0.005, "train"));
        evals.put("fc", new EvaluationSpec.Forecast(List.of("one", "more", "hist"), 3, 0.5, 0.3, 20, true, null, 2, 0.01,
                List.of(0.1), "rk2", 0.005, "train"));
        evals.put("clim", new EvaluationSpec.Climate(List.of(NONE, "early"), 2, 0.5, 1, -10, 20, 0.5, null, "rk2",
                0.005));
        List<ChartSpec> charts = List.of(new ChartSpec.BatchScatter("scatter", "ann"),
                new ChartSpec.Predictions("pred", "ann", 0, 20), new ChartSpec.Trajectories("trajx", "traj", 0, 20),
                new ChartSpec.Activation("act", "tanh", -3, 3), new ChartSpec.LossCurves("loss", "ann", true),
                new ChartSpec.LrRangeTest("lrt", "lr"), new ChartSpec.RmseByLead("rmse", "fc"),
                new ChartSpec.AnomalyCorrelation("acc", "fc"), new ChartSpec.Pdfs("pdf", "clim"),
                new ChartSpec.Autocorrelation("acf", "clim"), new ChartSpec.LrSchedule("sched", "loc"),
                new ChartSpec.SpreadByLead("spread", "fc"), new ChartSpec.CrpsByLead("crps", "fc"),
                new ChartSpec.RankHistograms("ranks", "fc"),
                new ChartSpec.LossComparison("losses", List.of("ann", "early"), true),
                new ChartSpec.CouplingScatter("coupling", List.of("cubic"), 50),
                new ChartSpec.Hovmoller("hov", "traj", "ann", 20));
        return new ExperimentSpec("leaves", 14, new WorldSpec(4, 4, 18, 1, 10, 10, 0.005, null, "rk4"),
                new SimulationSpec(0.01, 300, 0.1, SimulationSpec.COUPLING_SEED, false),
                new DataSpec(null, 0.2, null, 64, true), nets, polys,
                Map.of("lr", new LrRangeTestSpec("ann", 1e-5, 10, 12, "exponential", 0.5, 4)), evals, charts,
                null);
    }

    // ---------------------------------------------------------------------------------------------- the walk

    /** One leaf of the base spec: its {@code --set} path, its type path (map keys and indices as *) and value. */
    record Leaf(String path, String typePath, Object value) {
    }

    private static boolean scalar(Class<?> c) {
        return c.isPrimitive() || Number.class.isAssignableFrom(c) || c == Boolean.class || c == String.class;
    }

    private static Class<?> raw(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }

    private static Type arg(Type t, int i) {
        return ((ParameterizedType) t).getActualTypeArguments()[i];
    }

    private static String join(String path, String seg) {
        return path.isEmpty() ? seg : path + "." + seg;
    }

    /** Every leaf field the spec's types can hold, as type paths: {@code networks.*.layers.*[dense].units}. */
    static void typeLeaves(Type t, String path, Set<String> out) {
        Class<?> c = raw(t);
        if (scalar(c) || List.class.isAssignableFrom(c) && scalar(raw(arg(t, 0)))) {
            out.add(path);
        } else if (List.class.isAssignableFrom(c)) {
            typeLeaves(arg(t, 0), path + ".*", out);
        } else if (Map.class.isAssignableFrom(c)) {
            typeLeaves(arg(t, 1), path + ".*", out);
        } else if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                typeLeaves(rc.getGenericType(), join(path, rc.getName()), out);
            }
        } else if (c.isSealed()) {
            for (JsonSubTypes.Type sub : c.getAnnotation(JsonSubTypes.class).value()) {
                typeLeaves(sub.value(), path + "[" + sub.name() + "]", out);
            }
        } else {
            throw new AssertionError("the walk does not know the type " + c + " at " + path);
        }
    }

    private static String subtypeName(Class<?> sealed, Class<?> sub) {
        for (JsonSubTypes.Type t : sealed.getAnnotation(JsonSubTypes.class).value()) {
            if (t.value() == sub) {
                return t.name();
            }
        }
        throw new AssertionError(sub + " is not a declared subtype of " + sealed);
    }

    /** The leaves of a spec value, null ones included (an absent optional field is a leaf too). */
    static void instanceLeaves(Object value, Type declared, String path, String typePath, List<Leaf> out) {
        Class<?> c = raw(declared);
        if (scalar(c) || List.class.isAssignableFrom(c) && scalar(raw(arg(declared, 0)))) {
            out.add(new Leaf(path, typePath, value));
        } else if (value == null) {
            return; // an absent block (no early stopping, no sweep): its fields are walked where one is present
        } else if (List.class.isAssignableFrom(c)) {
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                instanceLeaves(list.get(i), arg(declared, 0), join(path, String.valueOf(i)), typePath + ".*", out);
            }
        } else if (Map.class.isAssignableFrom(c)) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                instanceLeaves(e.getValue(), arg(declared, 1), join(path, (String) e.getKey()), typePath + ".*",
                        out);
            }
        } else if (c.isSealed()) {
            instanceLeaves(value, value.getClass(), path, typePath + "[" + subtypeName(c, value.getClass()) + "]",
                    out);
        } else if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                try {
                    instanceLeaves(rc.getAccessor().invoke(value), rc.getGenericType(), join(path, rc.getName()),
                            join(typePath, rc.getName()), out);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        } else {
            throw new AssertionError("the walk does not know the type " + c + " at " + path);
        }
    }

    static boolean notAffecting(String typePath) {
        return NOT_AFFECTING.keySet().stream().anyMatch(p -> typePath.equals(p) || typePath.startsWith(p + ".")
                || typePath.startsWith(p + "["));
    }

    // ----------------------------------------------------------------------------------------- the changes

    /** How a leaf is changed: edits of the spec's canonical JSON tree. */
    @FunctionalInterface
    interface Change {
        void apply(ObjectNode tree, String path);
    }

    static Change to(Object value) {
        return (tree, path) -> set(tree, path, SpecJson.mapper().valueToTree(value));
    }

    /** Leaves that a changed value can only reach validly together with other fields, or that need a chosen value. */
    static final Map<String, Change> CHANGES = new LinkedHashMap<>();
    /** Leaves of this spec that have no other valid value here, with why (their field is walked elsewhere). */
    static final Map<String, String> FIXED_HERE = new LinkedHashMap<>();
    /**
     * Leaves whose key changes but whose output, by a documented rule, does not in this spec (their field shows
     * its effect elsewhere in the walk).
     */
    static final Map<String, String> DEPENDS = new LinkedHashMap<>();

    static {
        // K is also the width of every non-local network's output and the range of the charts' variable
        CHANGES.put("world.k", (tree, path) -> {
            set(tree, path, num(5));
            tree.get("networks").forEach(n -> {
                if (NetworkSpec.NON_LOCAL.equals(n.get("features").asText())) {
                    ArrayNode layers = (ArrayNode) n.get("layers");
                    ((ObjectNode) layers.get(layers.size() - 1)).put("units", 5);
                }
            });
        });
        CHANGES.put("world.integrator", to("rk2"));
        // the tiny world runs at dt 0.005: larger b, c or dt make it diverge, which is a user error, not an output
        CHANGES.put("world.b", to(8.0));
        CHANGES.put("world.c", to(8.0));
        CHANGES.put("world.dt", to(0.0025));
        CHANGES.put("data.validationLast", (tree, path) -> {
            ((ObjectNode) tree.get("data")).remove("validationFraction");
            set(tree, path, num(50));
        });
        CHANGES.put("data.testLast", to(30));
        CHANGES.put("networks.early.train.earlyStopping.minDelta", to(0.0));
        CHANGES.put("networks.more.continueFrom", (tree, path) -> ((ObjectNode) tree.at("/networks/more"))
                .remove("continueFrom"));
        CHANGES.put("networks.ann.train.schedule.mode", to("triangular2"));
        CHANGES.put("networks.early.train.epochs", to(1)); // it stops early at 2 epochs: fewer than that
        CHANGES.put("lrRangeTests.lr.divergeThreshold", to(1.05));
        CHANGES.put("networks.ann.train.batchSize", to(32));
        // the train segment ends before the whole truth does: start(-1) is another row
        CHANGES.put("evaluations.traj.segment", to("all"));
        CHANGES.put("evaluations.ens.segment", to("all"));
        CHANGES.put("evaluations.fc.segment", to("all"));
        DEPENDS.put("evaluations.ens.segment", "the train segment starts at row 0, as the whole truth does: the "
                + "same initial conditions here (the trajectory's segment shows the effect)");
        DEPENDS.put("evaluations.fc.segment", "the train segment starts at row 0, as the whole truth does: the "
                + "same initial conditions here (the trajectory's segment shows the effect)");
        DEPENDS.put("networks.ann.train.optimizer.lr", "a cyclic schedule sets the rate (dsl-docs/schedules.md)");
        DEPENDS.put("networks.one.train.optimizer.lr", "a one-cycle schedule sets the rate (dsl-docs/schedules.md)");
        CHANGES.put("polynomials.fixed.coefficients", to(List.of(-0.4, 0.1)));
        CHANGES.put("polynomials.fromLin.fromNetwork", to("lin2"));
        CHANGES.put("polynomials.noisy.from", to("fixed"));
        CHANGES.put("evaluations.fc.members", to(3));
        CHANGES.put("evaluations.fc.perturbation", to(0.02));
        CHANGES.put("evaluations.fc.rankLeads", to(List.of(0.2)));
        CHANGES.put("evaluations.fc.stepper", to("rk4"));
        CHANGES.put("evaluations.fc.dt", to(0.0025));
        for (String e : List.of("traj", "ens", "clim")) { // every evaluation chooses its stepper and dt (issue #13)
            CHANGES.put("evaluations." + e + ".stepper", to("rk4"));
            CHANGES.put("evaluations." + e + ".dt", to(0.0025));
        }
        CHANGES.put("polynomials.noisy.noise.form", to("multiplicative"));
        CHANGES.put("polynomials.noisy.noise.process", (tree, path) -> {
            set(tree, path, SpecJson.mapper().valueToTree("white"));
            ((ObjectNode) tree.at("/polynomials/noisy/noise")).remove("phi");
        });
        CHANGES.put("lrRangeTests.lr.network", to("one"));
        CHANGES.put("lrRangeTests.lr.ramp", to("linear"));
        for (String e : List.of("traj", "ens", "fc", "clim")) {
            CHANGES.put("evaluations." + e + ".forcing", to(20.0));
        }
        CHANGES.put("evaluations.clim.binFrom", to(-11.0));
        CHANGES.put("evaluations.clim.binWidth", to(0.5));
        CHANGES.put("charts.0.network", to("one"));
        CHANGES.put("charts.1.network", to("one"));
        CHANGES.put("charts.2.evaluation", (tree, path) -> {
            ObjectNode evals = (ObjectNode) tree.get("evaluations");
            evals.set("traj2", evals.get("traj").deepCopy());
            ((ObjectNode) evals.get("traj2")).put("duration", 0.25);
            set(tree, path, SpecJson.mapper().valueToTree("traj2"));
        });
        CHANGES.put("charts.4.network", to("one"));
        CHANGES.put("charts.5.test", (tree, path) -> {
            ObjectNode tests = (ObjectNode) tree.get("lrRangeTests");
            tests.set("lr2", tests.get("lr").deepCopy());
            ((ObjectNode) tests.get("lr2")).put("network", "early");
            set(tree, path, SpecJson.mapper().valueToTree("lr2"));
        });
        CHANGES.put("charts.6.evaluation", forecastCopy());
        CHANGES.put("charts.7.evaluation", forecastCopy());
        CHANGES.put("charts.8.evaluation", climateCopy());
        CHANGES.put("charts.9.evaluation", climateCopy());
        CHANGES.put("charts.10.network", to("one"));
        CHANGES.put("charts.11.evaluation", forecastCopy());
        CHANGES.put("charts.12.evaluation", forecastCopy());
        CHANGES.put("charts.13.evaluation", forecastCopy());
        CHANGES.put("charts.14.networks", to(List.of("ann")));
        CHANGES.put("charts.15.polynomials", to(List.of("fixed")));
        CHANGES.put("charts.16.evaluation", (tree, path) -> {
            ObjectNode evals = (ObjectNode) tree.get("evaluations");
            evals.set("traj2", evals.get("traj").deepCopy());
            ((ObjectNode) evals.get("traj2")).put("duration", 0.25);
            set(tree, path, SpecJson.mapper().valueToTree("traj2"));
        });
        CHANGES.put("charts.16.scheme", to("none"));

        CHANGES.put("networks.roll.train.stepper", to("euler"));
        // online training steps at the sampling interval: dt changes only with it
        CHANGES.put("networks.roll.train.dt", (tree, path) -> {
            set(tree, path, SpecJson.mapper().valueToTree(0.02));
            set(tree, "simulation.sampleInterval", SpecJson.mapper().valueToTree(0.02));
        });
        CHANGES.put("simulation.sampleInterval", (tree, path) -> {
            set(tree, path, SpecJson.mapper().valueToTree(0.02));
            set(tree, "networks.roll.train.dt", SpecJson.mapper().valueToTree(0.02));
        });
        FIXED_HERE.put("networks.roll.loss", "online training's loss is the mean squared error (validate refuses "
                + "mae with rollout)");
        FIXED_HERE.put("networks.roll.layers.1.units", "the output width of a non-local network is K");
        for (String n : List.of("ann", "early", "loc", "roll")) {
            CHANGES.put("networks." + n + ".features", swapFeatures(n));
        }
        FIXED_HERE.put("networks.ann.layers.3.units", "the output width of a non-local network is K");
        FIXED_HERE.put("networks.early.layers.0.units", "the output width of a non-local network is K");
        FIXED_HERE.put("networks.loc.layers.1.units", "a local network predicts one coupling term");
        FIXED_HERE.put("networks.hist.layers.1.units", "a local network predicts one coupling term");
        FIXED_HERE.put("networks.hist.features", "a network with a stencil is local");
        CHANGES.put("networks.hist.stencil", to(0)); // K = 4 allows stencil 1 at most
        for (String lin : List.of("lin", "lin2")) {
            FIXED_HERE.put("networks." + lin + ".features", "a polynomial takes its weights from it: local 1→1");
            FIXED_HERE.put("networks." + lin + ".layers.0.units", "a polynomial takes its weights from it: 1→1");
            FIXED_HERE.put("networks." + lin + ".layers.0.activation", "a polynomial takes its weights from it: "
                    + "linear");
        }
        FIXED_HERE.put("networks.more.weightInit", "a continued network starts from trained weights; validate "
                + "refuses another initialization (aContinuedNetworksInitializationIsRefusedNotIgnored)");
        FIXED_HERE.put("networks.one.weightInit", "'more' continues 'one': their initializations are the same");
        // 'more' continues 'one': both keep the same layers and features
        for (String n : List.of("one", "more")) {
            FIXED_HERE.put("networks." + n + ".features", "'more' continues 'one': their features are the same");
            FIXED_HERE.put("networks." + n + ".layers.0.units", "the output width of a non-local network is K");
            FIXED_HERE.put("networks." + n + ".layers.0.activation", "'more' continues 'one': same layers");
        }
    }

    /** Local ↔ non-local, with the output layer's width that goes with it (1 or K). */
    private static Change swapFeatures(String network) {
        return (tree, path) -> {
            ObjectNode n = (ObjectNode) tree.at("/networks/" + network);
            boolean local = NetworkSpec.LOCAL.equals(n.get("features").asText());
            n.put("features", local ? NetworkSpec.NON_LOCAL : NetworkSpec.LOCAL);
            ArrayNode layers = (ArrayNode) n.get("layers");
            ((ObjectNode) layers.get(layers.size() - 1)).put("units", local ? tree.at("/world/k").asInt() : 1);
        };
    }

    private static Change forecastCopy() {
        return (tree, path) -> {
            ObjectNode evals = (ObjectNode) tree.get("evaluations");
            evals.set("fc2", evals.get("fc").deepCopy());
            ((ObjectNode) evals.get("fc2")).put("lead", 0.2);
            set(tree, path, SpecJson.mapper().valueToTree("fc2"));
        };
    }

    private static Change climateCopy() {
        return (tree, path) -> {
            ObjectNode evals = (ObjectNode) tree.get("evaluations");
            evals.set("clim2", evals.get("clim").deepCopy());
            ((ObjectNode) evals.get("clim2")).put("duration", 1.5);
            set(tree, path, SpecJson.mapper().valueToTree("clim2"));
        };
    }

    private static JsonNode num(int v) {
        return SpecJson.mapper().valueToTree(v);
    }

    static void set(ObjectNode tree, String path, JsonNode value) {
        String[] seg = path.split("\\.");
        JsonNode node = tree;
        for (int i = 0; i < seg.length - 1; i++) {
            node = node.isArray() ? node.get(Integer.parseInt(seg[i])) : node.get(seg[i]);
        }
        String last = seg[seg.length - 1];
        if (node instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) node).set(last, value);
        }
    }

    private static final Map<String, List<String>> WORDS = Map.of("activation", Vocabulary.ACTIVATIONS,
            "features", Vocabulary.FEATURES, "weightInit", Vocabulary.WEIGHT_INITS, "loss", Vocabulary.LOSSES,
            "integrator", Vocabulary.INTEGRATORS, "couplingTarget", Vocabulary.COUPLING_TARGETS,
            "mode", Vocabulary.CYCLIC_MODES, "ramp", Vocabulary.RAMPS);

    /** The change of a leaf: from {@link #CHANGES}, else a rule by its type (null when there is none). */
    static Change changeOf(Leaf leaf) {
        Change c = CHANGES.get(leaf.path());
        if (c != null) {
            return c;
        }
        Object v = leaf.value();
        String field = leaf.path().substring(leaf.path().lastIndexOf('.') + 1);
        if (v instanceof Double d && field.equals("epsilon") && d < 1e-6) {
            return to(1e-3); // 1e-8 → 2e-8 is below float32's resolution of the updates of some networks
        } else if (v instanceof Integer i) {
            return to(i + 1);
        } else if (v instanceof Long l) {
            return to(l + 1);
        } else if (v instanceof Double d) {
            // doubled; values in (0, 1) that would reach 1 (betas, rates, fractions) go halfway to 1; 0 becomes 0.1
            return to(d == 0 ? 0.1 : d > 0 && d < 1 && 2 * d >= 1 ? (d + 1) / 2 : 2 * d);
        } else if (v instanceof Boolean b) {
            return to(!b);
        } else if (v instanceof String s && field.equals("file")) {
            return to(s + "2");
        } else if (v instanceof String s && WORDS.containsKey(field)) {
            List<String> words = WORDS.get(field);
            return to(words.get((words.indexOf(s) + 1) % words.size()));
        } else if (v instanceof List<?> list && field.equals("compare")) {
            return to(list.subList(0, list.size() - 1));
        }
        return null;
    }

    static ExperimentSpec changed(ExperimentSpec base, Leaf leaf, Change change) {
        ObjectNode tree = (ObjectNode) SpecJson.toTree(base);
        change.apply(tree, leaf.path());
        return SpecJson.fromTree(tree);
    }

    // ---------------------------------------------------------------------------------------- who owns what

    /**
     * The stage a leaf must reach: the simulation for the seed, world and sampling; a training for a network (and
     * for the data block: a network that takes its batch size from it); the LR range test; the evaluation (for a
     * polynomial: the first evaluation comparing it); the chart.
     */
    static String owner(ExperimentSpec spec, List<Stage> plan, String path) {
        String[] seg = path.split("\\.");
        return switch (seg[0]) {
            case "seed", "world", "simulation" -> "simulate";
            case "data" -> "train-ann";
            case "networks" -> "train-" + seg[1];
            case "lrRangeTests" -> "lr-range-test-" + seg[1];
            case "evaluations" -> "evaluate-" + seg[1];
            case "polynomials" -> "evaluate-" + spec.evaluations().entrySet().stream()
                    .filter(e -> e.getValue().compare().contains(seg[1])).findFirst().orElseThrow().getKey();
            case "charts" -> plan.stream().filter(s -> s instanceof ChartStage).toList()
                    .get(Integer.parseInt(seg[1])).name();
            default -> throw new AssertionError("no owner for " + path);
        };
    }

    static Map<String, String> keys(List<Stage> plan) {
        return StageKeys.of(plan);
    }

    // ----------------------------------------------------------------------------------------------- tests

    static List<Leaf> leaves(ExperimentSpec spec) {
        List<Leaf> out = new ArrayList<>();
        instanceLeaves(spec, ExperimentSpec.class, "", "", out);
        return out;
    }

    @Test
    void theWalksSpecIsValid() {
        assertEquals(List.of(), SpecValidator.validate(base()));
    }

    @Test
    void everyFieldOfTheSpecIsWalked() {
        Set<String> fields = new TreeSet<>();
        typeLeaves(ExperimentSpec.class, "", fields);
        Set<String> walked = new LinkedHashSet<>();
        for (Leaf l : leaves(base())) {
            if (!FIXED_HERE.containsKey(l.path()) && changeOf(l) != null) {
                walked.add(l.typePath());
            }
        }
        List<String> missing = fields.stream().filter(f -> !walked.contains(f) && !notAffecting(f)
                && !WALKED_ELSEWHERE.containsKey(f)).toList();
        assertEquals(List.of(), missing, "spec fields that the walk does not change: give SpecLeavesTest.base() "
                + "one with a value (and CHANGES a change if the rules do not fit), or list the field in "
                + "NOT_AFFECTING with its reason (and in dsl-docs/README.md) if it changes no result");
        // the tables name only leaves that exist (a renamed field must not hide behind a stale entry)
        Set<String> paths = new TreeSet<>();
        leaves(base()).forEach(l -> paths.add(l.path()));
        for (Map<String, ?> table : List.of(CHANGES, FIXED_HERE, DEPENDS)) {
            for (String p : table.keySet()) {
                assertTrue(paths.contains(p), "no leaf " + p + " in the walk's spec");
            }
        }
        // the not-affecting list names only fields that exist
        for (String p : NOT_AFFECTING.keySet()) {
            assertTrue(fields.stream().anyMatch(f -> f.equals(p) || f.startsWith(p + ".") || f.startsWith(p + "[")),
                    p);
        }
    }

    @Test
    void theListOfSettingsThatChangeNoResultIsTheDocumentedOne() throws IOException {
        String doc = Files.readString(Path.of("dsl-docs", "README.md"));
        int from = doc.indexOf("## Settings that change no result");
        assertTrue(from >= 0, "dsl-docs/README.md has no section 'Settings that change no result'");
        String section = doc.substring(from + 3);
        int next = section.indexOf("\n## ");
        section = next < 0 ? section : section.substring(0, next);
        Map<String, String> documented = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^- `([^`]+)`: (.*)$").matcher(section);
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        assertEquals(NOT_AFFECTING.keySet(), documented.keySet());
    }

    /**
     * Each leaf, changed, changes the key of the stage that owns it; and that stage, run for real on the tiny
     * world, writes different files.
     */
    @Test
    void everyLeafReachesTheKeyAndTheOutputOfItsStage() throws IOException {
        ExperimentSpec base = base();
        List<Stage> basePlan = Planner.plan(base);
        Map<String, String> baseKeys = keys(basePlan);
        Path cache = dir.resolve(".cache");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        Runner.Result first = new Runner(dir.resolve("base"), ps, false, 2).withCache(cache)
                .run(base, basePlan, false);
        assertTrue(first.ok(), () -> first.failed() + "\n" + log);
        // files that differ between two runs of the same spec (time stamps) cannot show an effect
        Runner.Result again = new Runner(dir.resolve("again"), ps, false, 2).run(base, basePlan, false);
        assertTrue(again.ok(), () -> again.failed() + "\n" + log);
        Map<String, Set<String>> stable = new HashMap<>();
        for (Stage s : basePlan) {
            Map<String, byte[]> a = files(first.experimentDir().resolve(s.name()));
            Map<String, byte[]> b = files(again.experimentDir().resolve(s.name()));
            Set<String> same = new TreeSet<>();
            a.forEach((f, bytes) -> {
                if (b.containsKey(f) && Arrays.equals(bytes, b.get(f))) {
                    same.add(f);
                }
            });
            stable.put(s.name(), same);
        }

        List<String> failures = new ArrayList<>();
        int i = 0;
        for (Leaf leaf : leaves(base)) {
            if (notAffecting(leaf.typePath()) || FIXED_HERE.containsKey(leaf.path())) {
                continue;
            }
            Change change = changeOf(leaf);
            if (change == null) {
                if (leaf.value() != null) {
                    failures.add(leaf.path() + ": no change known for " + leaf.value());
                }
                continue; // an absent optional field whose kind is walked where it is present
            }
            ExperimentSpec variant;
            try {
                variant = changed(base, leaf, change);
            } catch (RuntimeException e) {
                failures.add(leaf.path() + ": the change does not fit: " + e.getMessage());
                continue;
            }
            List<Problem> problems = SpecValidator.validate(variant);
            if (!problems.isEmpty()) {
                failures.add(leaf.path() + ": the changed spec is not valid: " + problems);
                continue;
            }
            List<Stage> plan = Planner.plan(variant);
            String baseOwner = owner(base, basePlan, leaf.path());
            String owner = owner(variant, plan, leaf.path());
            Map<String, String> keys = keys(plan);
            if (owner.equals(baseOwner) && keys.get(owner).equals(baseKeys.get(baseOwner))) {
                failures.add(leaf.path() + ": the key of " + owner + " did not change");
                continue;
            }
            if (leaf.path().equals("world.integrator") || DEPENDS.containsKey(leaf.path())) {
                continue; // output: worldIntegratorChangesTheSimulation
            }
            String outcome = outputChanged(variant, plan, owner, baseOwner, first.experimentDir(), stable,
                    dir.resolve("v" + i++), cache, ps);
            if (outcome != null) {
                failures.add(leaf.path() + ": " + outcome);
            }
        }
        assertEquals(List.of(), failures, "settings that do not reach what they should:\n"
                + String.join("\n", failures));
    }

    /** null when the owner's output differs from the base's; else what is wrong. */
    private static String outputChanged(ExperimentSpec variant, List<Stage> plan, String owner, String baseOwner,
                                        Path baseDir, Map<String, Set<String>> stable, Path out, Path cache,
                                        PrintStream log) throws IOException {
        // the owner and what it reads; the rest comes from the stage cache or is not needed
        Map<String, Stage> byName = new LinkedHashMap<>();
        plan.forEach(s -> byName.put(s.name(), s));
        Set<String> needed = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(owner));
        while (!todo.isEmpty()) {
            String s = todo.remove(todo.size() - 1);
            if (needed.add(s)) {
                todo.addAll(byName.get(s).inputs());
            }
        }
        List<Stage> sub = plan.stream().filter(s -> needed.contains(s.name())).toList();
        Runner.Result r = new Runner(out, log, false, 2).withCache(cache).run(variant, sub, false);
        if (!r.ok()) {
            return "the changed spec failed to run: " + r.failed();
        }
        Map<String, byte[]> before = files(baseDir.resolve(baseOwner));
        Map<String, byte[]> after = files(r.experimentDir().resolve(owner));
        if (!before.keySet().equals(after.keySet())) {
            return null; // other files: changed
        }
        Set<String> comparable = stable.get(baseOwner);
        if (comparable.isEmpty()) {
            return "no output of " + baseOwner + " is the same in two runs, so none can show a change";
        }
        for (String f : comparable) {
            if (!Arrays.equals(before.get(f), after.get(f))) {
                return null;
            }
        }
        return "the output of " + owner + " did not change (" + comparable + ")";
    }

    private static Map<String, byte[]> files(Path stageDir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(stageDir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().equals(Runner.STAGE_FILE)) {
                    out.put(stageDir.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    @Test
    void aContinuedNetworksInitializationIsRefusedNotIgnored() {
        ExperimentSpec he = changed(base(), new Leaf("networks.more.weightInit", "", "pytorch"), to("he"));
        List<Problem> problems = SpecValidator.validate(he);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("networks.more.weightInit", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("'more' continues 'one' from its trained weights"),
                problems.toString());
    }

    /** world.integrator is recorded in the key; the simulation must differ too (issue 10 §1, branch world). */
    @Test
    void worldIntegratorChangesTheSimulation() throws IOException {
        // RK2 diverges at the tiny world's dt 0.005 (c = 10): both runs at dt 0.001
        ExperimentSpec base = changed(base(), new Leaf("world.dt", "world.dt", 0.005), to(0.001));
        ExperimentSpec rk2 = changed(base, new Leaf("world.integrator", "world.integrator", "rk4"), to("rk2"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<Stage> a = Planner.plan(base).subList(0, 1);
        List<Stage> b = Planner.plan(rk2).subList(0, 1);
        Path x1 = new Runner(dir.resolve("a"), quiet, false, 1).run(base, a, false).experimentDir();
        Path x2 = new Runner(dir.resolve("b"), quiet, false, 1).run(rk2, b, false).experimentDir();
        assertFalse(Arrays.equals(Files.readAllBytes(x1.resolve("simulate/X.npy")),
                Files.readAllBytes(x2.resolve("simulate/X.npy"))), "rk2 and rk4 give the same simulate/X.npy");
    }
}
