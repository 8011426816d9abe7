package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.dsl.ScriptLoader;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.Problem;
import org.l96.spec.SpecJson;
import org.l96.spec.SpecValidator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code l96 validate} agrees with {@code l96 run}, as a property over mutated specs: every leaf of two tiny valid
 * experiments (together one of each kind of network, optimizer, schedule, polynomial, evaluation and chart) is set
 * in turn to 0, -1, NaN, ±Inf, huge and tiny numbers, 0.3 and 1.5 times its value (off the time grid), unknown and
 * empty names, the other boolean, and every list to empty. Then
 * <ul>
 *   <li>a mutant that does not validate must be refused with a problem that names what was changed (its path, a
 *       path around it, its word, the value given or the named thing it belongs to), and no other problem may
 *       repeat the refused value as if it were valid;</li>
 *   <li>a mutant that validates must run without an internal error: a seeded sample of them (bounded by a cost
 *       estimate, so that a huge but valid size is not run) is run on the tiny world, reusing unchanged stages
 *       from a stage cache. Run-time user errors (what validate cannot know, such as a world that blows up) are
 *       printed, not failed.</li>
 * </ul>
 * Every mutant is validated; {@code -Dl96.mutants.runs=N} (default 20 per experiment) sets how many valid ones are
 * run and {@code -Dl96.mutants.seed} which (default 10): {@code -Dl96.mutants.runs=1000} runs them all (minutes).
 */
class ValidateAgreesWithRunTest {
    private static final int RUNS = Integer.getInteger("l96.mutants.runs", 20);
    private static final long SEED = Long.getLong("l96.mutants.seed", 10L);

    record Mutant(String path, JsonNode value, ExperimentSpec spec) {
        @Override
        public String toString() {
            return path + "=" + value;
        }
    }

    /** One of each kind of network, polynomial, LR range test, evaluation and chart. */
    @Test
    void mutantsOfTheTinyExperiment(@TempDir Path tmp) throws Exception {
        everyMutantThatValidatesRunsAndEveryOtherNamesItsPath("tiny", tmp);
    }

    /** The other branches: validation by count, continued local networks, the remaining schedules and options. */
    @Test
    void mutantsOfTheOtherExperiment(@TempDir Path tmp) throws Exception {
        everyMutantThatValidatesRunsAndEveryOtherNamesItsPath("other", tmp);
    }

    private void everyMutantThatValidatesRunsAndEveryOtherNamesItsPath(String script, Path tmp) throws Exception {
        ExperimentSpec base = ScriptLoader.load(Path.of(getClass().getResource("mutation/" + script + ".groovy")
                .toURI()));
        assertTrue(SpecValidator.validate(base).isEmpty(), "the base spec is valid");
        ObjectNode tree = (ObjectNode) SpecJson.toTree(base);

        List<String> failures = new ArrayList<>();
        List<Mutant> valid = new ArrayList<>();
        int mutants = 0;
        for (String path : leaves(tree, "")) {
            for (JsonNode value : mutations(at(tree, path))) {
                mutants++;
                ObjectNode copy = tree.deepCopy();
                set(copy, path, value);
                ExperimentSpec spec;
                try {
                    spec = SpecJson.fromTree(copy);
                } catch (RuntimeException e) {
                    failures.add(path + "=" + value + ": the spec cannot even be read back: " + e);
                    continue;
                }
                List<Problem> problems;
                try {
                    problems = SpecValidator.validate(spec);
                } catch (RuntimeException e) {
                    failures.add(path + "=" + value + ": validation threw " + e);
                    continue;
                }
                if (problems.isEmpty()) {
                    valid.add(new Mutant(path, value, spec));
                } else if (problems.stream().noneMatch(p -> related(p, path, value))) {
                    failures.add(path + "=" + value + ": refused without naming the path: " + problems);
                } else if (problems.stream().anyMatch(p -> p.path().equals(path))) {
                    // once the value is refused where it was given, no other problem may use it as if valid
                    String text = value.isContainerNode() ? value.toString() : value.asText();
                    problems.stream().filter(p -> !p.path().equals(path) && nonTrivial(text)
                                    && p.message().contains(text))
                            .forEach(p -> failures.add(path + "=" + value + ": a follow-on problem repeats the "
                                    + "invalid value: " + p));
                }
            }
        }

        double budget = 40 * cost(base);
        List<Mutant> runnable = new ArrayList<>(valid.stream().filter(m -> cost(m.spec()) <= budget).toList());
        Collections.shuffle(runnable, new Random(SEED));
        List<Mutant> toRun = runnable.subList(0, Math.min(RUNS, runnable.size()));
        List<String> userErrors = new ArrayList<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Runner runner = new Runner(tmp.resolve("out"), new PrintStream(log, true, StandardCharsets.UTF_8), false, 2)
                .withCache(tmp.resolve("cache"));
        runner.run(base, Planner.plan(base), false); // fills the cache: each mutant recomputes what it changes
        for (Mutant m : toRun) {
            try {
                Runner.Result result = runner.run(m.spec(), Planner.plan(m.spec()), false);
                for (StageRecord r : result.stages()) {
                    if (StageRecord.FAILED.equals(r.status())) {
                        (r.error().startsWith("internal error") ? failures : userErrors)
                                .add(m + ": " + r.name() + ": " + r.error());
                    }
                }
            } catch (Exception e) {
                failures.add(m + ": the run threw " + e);
            }
        }
        System.out.printf("validate-vs-run (" + script + "): %d mutants, %d valid, %d cheap enough to run, %d run; "
                        + "user errors at run time: %d%n", mutants, valid.size(), runnable.size(), toRun.size(),
                userErrors.size());
        userErrors.forEach(e -> System.out.println("  run-time user error: " + e));
        assertTrue(failures.isEmpty(), failures.size() + " disagreements:\n" + String.join("\n", failures));
    }

    /**
     * The problem points the user at what they changed: the same path, one inside it or the object that holds it;
     * or its message names the changed field (its word), the value they gave, or the named thing it belongs to
     * (a change to network 'ann' that breaks 'more', which continues 'ann').
     */
    static boolean related(Problem problem, String mutated, JsonNode value) {
        String p = problem.path();
        if (p.equals(mutated) || p.startsWith(mutated + ".") || (mutated.startsWith(p + ".") && p.contains("."))) {
            return true;
        }
        String message = problem.message();
        String leaf = mutated.substring(mutated.lastIndexOf('.') + 1);
        if (!leaf.matches("\\d+") && Pattern.compile("(?<![\\w_])" + Pattern.quote(leaf) + "(?![\\w_])")
                .matcher(message).find()) {
            return true;
        }
        String text = value.isContainerNode() ? value.toString() : value.asText();
        if (nonTrivial(text) && message.contains(text)) {
            return true;
        }
        String[] segments = mutated.split("\\.");
        return segments.length > 1 && List.of("networks", "polynomials", "lrRangeTests", "evaluations")
                .contains(segments[0]) && message.contains("'" + segments[1] + "'");
    }

    /** A value text distinctive enough that finding it in a message means the message quotes it. */
    private static boolean nonTrivial(String text) {
        return !text.isEmpty() && !List.of("0", "-1", "0.0", "-1.0", "true", "false").contains(text);
    }

    /** Dotted paths of every value and every list (lists are mutated to empty as a whole). */
    static List<String> leaves(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node instanceof ArrayNode array) {
            out.add(prefix);
            for (int i = 0; i < array.size(); i++) {
                out.addAll(leaves(array.get(i), prefix + "." + i));
            }
        } else if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // the type tag picks the record (the --set layer's business); a sweep is not run by 'run'
                if (e.getKey().equals("type") || (prefix.isEmpty() && e.getKey().equals("sweep"))) {
                    continue;
                }
                out.addAll(leaves(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey()));
            }
        } else if (!node.isNull()) {
            out.add(prefix);
        }
        return out;
    }

    static List<JsonNode> mutations(JsonNode v) {
        List<JsonNode> out = new ArrayList<>();
        if (v instanceof ArrayNode) {
            out.add(((ArrayNode) v).deepCopy().removeAll());
        } else if (v.isInt()) {
            for (int x : new int[]{0, -1, 1_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
                out.add(IntNode.valueOf(x));
            }
        } else if (v.isLong() || v.isBigInteger()) {
            for (long x : new long[]{0, -1, 1L << 40, Long.MAX_VALUE}) {
                out.add(LongNode.valueOf(x));
            }
        } else if (v.isNumber()) {
            for (double x : new double[]{0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    1e300, 1e-300, 1e6}) {
                out.add(DoubleNode.valueOf(x));
            }
            // near the value but off its grid: times and steps that no longer divide each other
            out.add(DoubleNode.valueOf(v.doubleValue() * 0.3));
            out.add(DoubleNode.valueOf(v.doubleValue() * 1.5));
        } else if (v.isBoolean()) {
            out.add(BooleanNode.valueOf(!v.booleanValue()));
        } else if (v.isTextual()) {
            out.add(TextNode.valueOf("nosuch"));
            out.add(TextNode.valueOf(""));
        }
        return out;
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String seg : path.split("\\.")) {
            n = n.isArray() ? n.get(Integer.parseInt(seg)) : n.get(seg);
        }
        return n;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        ContainerNode<?> parent = (ContainerNode<?>) (dot < 0 ? root : at(root, path.substring(0, dot)));
        String last = path.substring(dot + 1);
        if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    /**
     * A rough count of the arithmetic a run does (world steps × variables, training samples × weights, coarse
     * steps × K per scheme), to keep huge but valid sizes out of a unit test. NaN when it cannot be estimated.
     */
    static double cost(ExperimentSpec s) {
        var w = s.world();
        var sim = s.simulation();
        double kj = (double) w.k() * (w.j() + 1);
        double si = sim.sampleInterval();
        double c = (sim.spinUp() + sim.samples() * si) / w.dt() * kj + (double) sim.samples() * w.k() * w.j();
        for (NetworkSpec n : s.networks().values()) {
            double weights = 0;
            double in = n.isLocal() ? 1 : w.k();
            for (LayerSpec l : n.layers()) {
                if (l instanceof LayerSpec.Dense d) {
                    weights += (in + 1) * d.units();
                    in = d.units();
                }
            }
            double samples = n.isLocal() ? (double) sim.samples() * w.k() : sim.samples();
            c += 10.0 * n.train().epochs() * samples * weights;
        }
        for (var t : s.lrRangeTests().values()) {
            c += 10.0 * t.iterations() * s.data().batchSize() * w.k() * w.k();
        }
        for (EvaluationSpec e : s.evaluations().values()) {
            double schemes = e.compare().size() + 1;
            if (e instanceof EvaluationSpec.Trajectory t) {
                double dt = t.dt() == null ? si : t.dt();
                c += t.duration() / dt * w.k() * schemes * 10 + t.duration() / w.dt() * kj;
            } else if (e instanceof EvaluationSpec.Ensemble en) {
                c += (double) en.initialConditions() * en.duration() / si * w.k() * schemes * 10;
            } else if (e instanceof EvaluationSpec.Forecast f) {
                double leads = f.lead() / si;
                c += f.initialConditions() * leads * w.k() * schemes * 10 + (double) f.bootstrap()
                        * f.initialConditions() * leads * schemes + f.initialConditions() * f.lead() / w.dt() * kj;
            } else if (e instanceof EvaluationSpec.Climate cl) {
                double t = cl.duration() + cl.spinUp();
                c += 2 * t / w.dt() * kj + schemes * t / si * w.k() * 10 + cl.maxLag() / si * cl.duration() / si
                        * w.k() * schemes + Math.abs((cl.binTo() - cl.binFrom()) / cl.binWidth()) * schemes;
            }
        }
        for (var chart : s.charts()) {
            if (chart instanceof org.l96.spec.ChartSpec.Predictions p) {
                c += p.samples();
            } else if (chart instanceof org.l96.spec.ChartSpec.Trajectories t) {
                c += t.steps();
            }
        }
        return Double.isFinite(c) ? c : Double.NaN;
    }
}
