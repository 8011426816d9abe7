package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.Npy;
import org.l96.nn.TrainedNetwork;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.Problem;
import org.l96.spec.SimulationSpec;
import org.l96.spec.SpecJson;
import org.l96.spec.Vocabulary;
import org.l96.spec.WorldSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What an experiment brings in from elsewhere: networks loaded from a {@code model.zip} ({@code load}) and datasets
 * read from a folder ({@code simulate { from … }}). Before validation, {@link #complete} reads them, fills in what
 * the spec takes from them (a loaded network's layers; the world and sampling of a dataset) and lists every mismatch
 * as a {@link Problem} at the spec path responsible, so that a script reports it at its line. Files are identified
 * by their SHA-256 (stage keys use it, not their paths).
 */
public final class ExternalInputs {
    /** The dataset files a folder must hold. */
    public static final List<String> REQUIRED = List.of(SimulationFiles.X, SimulationFiles.COUPLING);
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();
    private static final java.util.Set<String> FINITE = ConcurrentHashMap.newKeySet();

    private ExternalInputs() {
    }

    /** A spec with what its files say filled in, and the problems found ({@code spec} unchanged when any). */
    public record Completed(ExperimentSpec spec, List<Problem> problems) {
    }

    /**
     * Reads the files the spec names. {@code written} says whether the user gave a spec path ("world.forcing")
     * explicitly: a dataset's value replaces one that was not written, and disagrees with one that was.
     */
    public static Completed complete(ExperimentSpec spec, Predicate<String> written) {
        List<Problem> problems = new ArrayList<>();
        WorldSpec world = spec.world();
        SimulationSpec sim = spec.simulation();
        if (sim.from() != null && sim.from().isBlank()) {
            problems.add(new Problem("simulation.from", "from needs a folder: one written by l96 simulate or a "
                    + "run's simulate/ folder, with " + String.join(" and ", REQUIRED) + " (a path relative to the "
                    + "script)"));
        } else if (sim.from() != null) {
            try {
                Dataset d = dataset(Path.of(sim.from()));
                world = completeWorld(world, d, written, problems);
                sim = completeSimulation(sim, d, written, problems);
            } catch (UserError e) {
                problems.add(new Problem("simulation.from", e.getMessage()));
            }
        }
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        for (var e : spec.networks().entrySet()) {
            String name = e.getKey();
            NetworkSpec n = e.getValue();
            String p = "networks." + name;
            if (n.isLoaded() && n.load().isBlank()) {
                // the validator says "load takes the path of a model.zip"
            } else if (n.isLoaded()) {
                try {
                    Model m = model(Path.of(n.load()));
                    int k = world.k();
                    // what this spec's network sees and gives (a stencil and history widen a network's input)
                    org.l96.world.InputLayout layout = n.inputLayout();
                    int in = layout.inputs(k);
                    int out = layout.outputs(k);
                    SourceRun source = sourceRun(m);
                    if (m.nIn() != in || m.nOut() != out) {
                        String trainedAs = source != null && source.network() != null
                                ? "; the run that trained it (" + source.manifest() + ") declared it "
                                + source.network().inputLayout().describe() + " in a world of K = " + source.k()
                                : "";
                        String what =  m.nIn() == 1 && m.nOut() == 1 && !n.isLocal() ? "; it is a local network: write local()"
                                : m.nIn() == k && m.nOut() == k && n.isLocal()
                                ? "; it is a non-local network: leave out local()"
                                : m.nIn() == m.nOut() ? "; it was trained for a world of K = " + m.nIn()
                                : m.nOut() == 1 && m.nIn() % 2 == 1 && m.nIn() <= k ? "; it may be a local network "
                                + "on a stencil: write stencil " + (m.nIn() - 1) / 2 + " (and history if it had one)"
                                : "";
                        problems.add(new Problem(p + ".load", n.load() + " takes " + m.nIn() + " input"
                                + (m.nIn() == 1 ? "" : "s") + " and gives " + m.nOut() + " output"
                                + (m.nOut() == 1 ? "" : "s") + "; a " + n.features() + " network in this world (K = "
                                + k + (layout.local() && (layout.stencil() > 0 || layout.hasPast())
                                ? ", " + layout.describe() : "") + ") takes " + in + " and gives " + out + what
                                + trainedAs));
                    }
                    if (written.test(p + ".weightInit")) {
                        problems.add(new Problem(p + ".weightInit", "network '" + name + "' is loaded from "
                                + n.load() + ": its weights come from the file, so weightInit does nothing; "
                                + "leave it out"));
                    }
                    if (source != null && source.network() != null && m.nIn() == in && m.nOut() == out
                            && !source.network().inputLayout().equals(layout)) {
                        // the same number of inputs can mean other things (local, history 2 or stencil 1: 3)
                        problems.add(new Problem(p + ".load", n.load() + " was trained as a "
                                + source.network().inputLayout().describe() + " network (" + source.manifest()
                                + "), but this script reads it as " + layout.describe() + "; write the same input "
                                + "words as the run that trained it"));
                    }
                    if (m.layers() == null) {
                        problems.add(new Problem(p + ".load", n.load() + " has a layer l96 does not build ("
                                + m.unknownLayer() + "); a loaded network has dense, dropout and batch-norm layers"));
                    } else if (n.layers().isEmpty()) {
                        n = n.withLayers(m.layers());
                    } else if (!n.layers().equals(m.layers())) {
                        problems.add(new Problem(p + ".layers", "network '" + name + "' is loaded from " + n.load()
                                + ", whose layers are { " + LayerSpec.words(m.layers()) + " }; leave out layers { } (they "
                                + "come from the file) or repeat them exactly"));
                    }
                } catch (UserError ex) {
                    problems.add(new Problem(p + ".load", ex.getMessage()));
                }
            } else if (n.continueFrom() != null && n.layers().isEmpty() && networks.containsKey(n.continueFrom())
                    && loadedRoot(spec, n.continueFrom())) {
                n = n.withLayers(networks.get(n.continueFrom()).layers()); // continues a loaded network
            }
            networks.put(name, n);
        }
        if (!problems.isEmpty()) {
            return new Completed(spec, problems);
        }
        ExperimentSpec completed = new ExperimentSpec(spec.name(), spec.seed(), world, sim, spec.data(), networks,
                spec.polynomials(), spec.lrRangeTests(), spec.evaluations(), spec.charts(), spec.sweep());
        if (sim.from() != null) {
            truthNeeds(completed, dataset(Path.of(sim.from())), problems);
        }
        return new Completed(problems.isEmpty() ? completed : spec, problems);
    }

    /**
     * What evaluations need of a dataset beyond X: a trajectory starts from the world's full state (X and Y) at its
     * start sample, and an evaluation at another forcing continues the world from its last full state. A simulation
     * run here can recompute any state from its seed; a dataset cannot, so it must hold that Y.
     */
    private static void truthNeeds(ExperimentSpec spec, Dataset d, List<Problem> problems) {
        WorldSpec world = spec.world();
        boolean allY = d.sha256().containsKey(SimulationFiles.Y);
        boolean lastY = allY || d.sha256().containsKey(SimulationFiles.Y_LAST);
        String has = allY ? "" : lastY ? " keeps Y of its last sample only (" + SimulationFiles.Y_LAST + ")"
                : " has no Y (neither " + SimulationFiles.Y + " nor " + SimulationFiles.Y_LAST + ")";
        for (var e : spec.evaluations().entrySet()) {
            String p = "evaluations." + e.getKey();
            if (e.getValue() instanceof org.l96.spec.EvaluationSpec.Trajectory t && !allY) {
                org.l96.spec.Segments.Range r = org.l96.spec.Segments.rows(
                        org.l96.spec.Segments.of(t, spec.data()), spec);
                if (r == null || t.start() >= r.length() || t.start() < -r.length()) {
                    continue; // the validator says what is wrong with the segment or the start
                }
                int start = r.from() + (t.start() < 0 ? r.length() + t.start() : t.start());
                if (!lastY || start != d.rows() - 1) {
                    problems.add(new Problem(p + ".start", "a trajectory starts from the world's full state (X and "
                            + "Y) at sample " + start + ", but the dataset " + d.dir() + has + (lastY
                            ? ": start it at start(-1), or write the dataset with Y (l96 simulate without --no-y)"
                            : ": write it with l96 simulate, which keeps the last Y")));
                }
            }
            Double f = e.getValue().forcing();
            if (f != null && f != world.forcing() && !lastY
                    && !(e.getValue() instanceof org.l96.spec.EvaluationSpec.Climate)) {
                problems.add(new Problem(p + ".forcing", "at another forcing the truth continues from the world's "
                        + "last full state (X and Y), but the dataset " + d.dir() + has
                        + ": write it with l96 simulate, which keeps the last Y"));
            }
        }
    }

    /** Whether {@code name} is loaded or continues (through others) a loaded network. */
    private static boolean loadedRoot(ExperimentSpec spec, String name) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String cur = name; cur != null && seen.add(cur); ) {
            NetworkSpec n = spec.networks().get(cur);
            if (n == null) {
                return false;
            }
            if (n.isLoaded()) {
                return true;
            }
            cur = n.continueFrom();
        }
        return false;
    }

    /** For Java specs, where nothing says what was written: a value other than the default counts as written. */
    public static Predicate<String> differsFromDefault(ExperimentSpec spec) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> given = new LinkedHashMap<>();
        flatten("world", SpecJson.toTree(WorldSpec.DEFAULT), defaults);
        flatten("simulation", SpecJson.toTree(SimulationSpec.DEFAULT), defaults);
        flatten("world", SpecJson.toTree(spec.world()), given);
        flatten("simulation", SpecJson.toTree(spec.simulation()), given);
        return path -> !Objects.equals(defaults.get(path), given.get(path));
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        node.fields().forEachRemaining(f -> out.put(prefix + "." + f.getKey(), f.getValue().toString()));
    }

    // ---- datasets -------------------------------------------------------------------------------------------------

    /**
     * A dataset folder: rows and K of {@code X.npy} (and {@code coupling.npy}, the same shape), the sampling interval
     * (from {@code t.npy} or the manifest; null when neither tells), the world and simulation of its manifest (null
     * without one: {@code manifest.json} as {@code l96 simulate} writes it, or the manifest of the run whose
     * {@code simulate} folder it is), and the SHA-256 of each data file.
     */
    public record Dataset(Path dir, int rows, int k, Double sampleInterval, WorldSpec world, SimulationSpec simulation,
                          Path manifest, Map<String, String> sha256) {
    }

    public static Dataset dataset(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserError("no dataset folder " + dir + (Files.exists(dir) ? " (it is a file)" : "")
                    + "; give a folder written by l96 simulate, or one with " + String.join(" and ", REQUIRED)
                    + " (a path relative to the script)");
        }
        long[] x = shapeOf(dir, SimulationFiles.X);
        long[] c = shapeOf(dir, SimulationFiles.COUPLING);
        if (x.length != 2 || x[0] < 2 || x[1] < 1) {
            throw new UserError(dir.resolve(SimulationFiles.X) + " has shape " + java.util.Arrays.toString(x)
                    + "; rows × K (at least 2 rows) expected");
        }
        if (!java.util.Arrays.equals(x, c)) {
            throw new UserError(dir.resolve(SimulationFiles.COUPLING) + " has shape " + java.util.Arrays.toString(c)
                    + ", " + SimulationFiles.X + " " + java.util.Arrays.toString(x) + ": they must match");
        }
        finite(dir.resolve(SimulationFiles.X), x[1], x[0]);
        // the last row's target may be NaN (no X_{N+1}: see simulate.md), and nothing pairs it with a state
        finite(dir.resolve(SimulationFiles.COUPLING), x[1], x[0] - 1);
        Double interval = null;
        Path t = dir.resolve(SimulationFiles.T);
        if (Files.exists(t)) {
            Npy.Array times;
            try {
                times = Npy.read(t);
            } catch (IOException | RuntimeException e) {
                throw new UserError(t + " is not a .npy file of sample times (" + e.getMessage() + ")");
            }
            interval = sampleInterval(t, times.data(), x[0]);
        }
        WorldSpec world = null;
        SimulationSpec sim = null;
        Path manifest = null;
        for (Path m : List.of(dir.resolve("manifest.json"), dir.resolve("../manifest.json").normalize())) {
            if (!Files.isRegularFile(m)) {
                continue;
            }
            try {
                JsonNode root = SpecJson.mapper().readTree(m.toFile());
                // l96 simulate writes world and simulation; a run's manifest has them under spec
                JsonNode from = root.has("world") ? root : m.getParent().equals(dir) ? null
                        : "simulate".equals(dir.getFileName().toString()) ? root.path("spec") : null;
                if (from == null || !from.has("world")) {
                    continue;
                }
                world = SpecJson.mapper().treeToValue(from.get("world"), WorldSpec.class);
                if (from.has("simulation")) {
                    sim = SpecJson.mapper().treeToValue(from.get("simulation"), SimulationSpec.class);
                }
                manifest = m;
                break;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // Jackson's own message names its internals (StreamReadFeature…): say where, in plain words
                var at = e.getLocation();
                throw new UserError(m + (e instanceof com.fasterxml.jackson.core.JsonParseException
                        ? " is not valid JSON" : " is not a manifest as l96 writes it")
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                        + "; fix or remove it (without a manifest the world is the script's, with the folder's K)");
            } catch (IOException e) {
                throw new UserError(m + " cannot be read (" + e.getMessage() + ")");
            }
        }
        if (interval == null && sim != null) {
            interval = sim.sampleInterval();
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String f : List.of(SimulationFiles.X, SimulationFiles.COUPLING, SimulationFiles.T,
                SimulationFiles.Y_LAST, SimulationFiles.Y)) {
            if (Files.exists(dir.resolve(f))) {
                hashes.put(f, sha256(dir.resolve(f)));
            }
        }
        return new Dataset(dir, (int) x[0], (int) x[1], interval, world, sim, manifest, hashes);
    }

    /**
     * Errors at the first NaN or infinity in the first {@code rows} rows of a rows × width file; checked once per
     * file version (like hashes).
     */
    private static void finite(Path file, long width, long rows) {
        String key;
        try {
            key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + e.getMessage() + ")");
        }
        if (FINITE.contains(key)) {
            return;
        }
        double[] v;
        try {
            v = Npy.read(file).data();
        } catch (IOException | RuntimeException e) {
            throw new UserError(file + " is not a .npy file (" + e.getMessage() + ")");
        }
        for (int i = 0; i < Math.min(v.length, rows * width); i++) {
            if (!Double.isFinite(v[i])) {
                throw new UserError(file.getFileName() + " has a non-finite value (" + v[i] + ") at row " + i / width
                        + ", column " + i % width + " (rows and columns from 0), in " + file.getParent()
                        + "; a dataset must be finite throughout");
            }
        }
        FINITE.add(key);
    }

    /**
     * The sampling interval of the sample times {@code t} (one per row of X): their first spacing. Errors when there
     * are not as many times as rows, or when they are not evenly spaced (each within 10⁻⁶ of a spacing of the
     * expected time), since every stage assumes one interval.
     */
    static double sampleInterval(Path file, double[] t, long rows) {
        if (t.length != rows) {
            throw new UserError(file + " holds " + t.length + " sample times, but " + SimulationFiles.X + " has "
                    + rows + " rows; give one time per row (or leave " + SimulationFiles.T + " out)");
        }
        double dt = (t[t.length - 1] - t[0]) / (t.length - 1);
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new UserError(file + " does not increase (from " + t[0] + " to " + t[t.length - 1]
                    + "); sample times must be evenly spaced and increasing");
        }
        for (int i = 0; i < t.length; i++) {
            double expected = t[0] + i * dt;
            if (!(Math.abs(t[i] - expected) <= 1e-6 * dt)) {
                throw new UserError(file + " is not evenly spaced: time " + t[i] + " at row " + i + ", where a "
                        + "spacing of " + dt + " puts " + expected + "; the sample times must be evenly spaced");
            }
        }
        return t[1] - t[0]; // as l96 simulate wrote it (the mean spacing can differ in its last bits)
    }

    private static long[] shapeOf(Path dir, String file) {
        Path f = dir.resolve(file);
        if (!Files.exists(f)) {
            throw new UserError("the dataset folder " + dir + " has no " + file + "; a dataset holds "
                    + String.join(" and ", REQUIRED) + " (rows × K), as l96 simulate writes them");
        }
        try {
            return Npy.shape(f);
        } catch (Npy.NpyFormatException e) {
            throw new UserError(e.getMessage()); // it says what the file holds and what is needed
        } catch (IOException e) {
            throw new UserError(f + " is not a .npy file (" + e.getMessage() + ")");
        }
    }

    private static WorldSpec completeWorld(WorldSpec w, Dataset d, Predicate<String> written,
                                           List<Problem> problems) {
        WorldSpec m = d.world();
        String src = d.manifest() != null ? d.manifest().toString() : null;
        if (m == null) { // no manifest: the script's world, with the folder's K
            int k = agree("world.k", w.k(), d.k(), d.dir().resolve(SimulationFiles.X) + " (its columns)", written,
                    problems);
            return new WorldSpec(k, w.j(), w.forcing(), w.h(), w.b(), w.c(), w.dt(), w.rng(), w.integrator());
        }
        if (m.k() != d.k()) {
            problems.add(new Problem("simulation.from", src + " says K = " + m.k() + " but "
                    + SimulationFiles.X + " has " + d.k() + " columns"));
        }
        return new WorldSpec(agree("world.k", w.k(), m.k(), src, written, problems),
                agree("world.j", w.j(), m.j(), src, written, problems),
                agree("world.forcing", w.forcing(), m.forcing(), src, written, problems),
                agree("world.h", w.h(), m.h(), src, written, problems),
                agree("world.b", w.b(), m.b(), src, written, problems),
                agree("world.c", w.c(), m.c(), src, written, problems),
                agree("world.dt", w.dt(), m.dt(), src, written, problems),
                agree("world.rng", w.rng(), m.rng(), src, written, problems),
                agree("world.integrator", w.integrator(), m.integrator(), src, written, problems));
    }

    private static SimulationSpec completeSimulation(SimulationSpec s, Dataset d, Predicate<String> written,
                                                     List<Problem> problems) {
        SimulationSpec m = d.simulation();
        String src = d.manifest() != null ? d.manifest().toString() : null;
        int samples = agree("simulation.samples", s.samples(), d.rows() - 1,
                d.dir().resolve(SimulationFiles.X) + " (" + d.rows() + " rows)", written, problems);
        double interval = s.sampleInterval();
        if (d.sampleInterval() != null) {
            interval = agree("simulation.sampleInterval", s.sampleInterval(), d.sampleInterval(),
                    Files.exists(d.dir().resolve(SimulationFiles.T)) ? d.dir().resolve(SimulationFiles.T) + "" : src,
                    written, problems);
            if (m != null && !close(m.sampleInterval(), d.sampleInterval())) {
                problems.add(new Problem("simulation.from", src + " says sampleEvery " + m.sampleInterval()
                        + " but the times in " + SimulationFiles.T + " are " + d.sampleInterval() + " apart"));
            }
        }
        String target = s.couplingTarget();
        double spinUp = s.spinUp();
        if (m != null) {
            target = agree("simulation.couplingTarget", s.couplingTarget(), m.couplingTarget(), src, written,
                    problems);
            spinUp = agree("simulation.spinUp", s.spinUp(), m.spinUp(), src, written, problems);
        }
        Boolean keepY = Files.exists(d.dir().resolve(SimulationFiles.Y)) ? Boolean.TRUE : null;
        if (keepY == null && Boolean.TRUE.equals(s.keepY()) && written.test("simulation.keepY")) {
            problems.add(new Problem("simulation.keepY", "keepY true, but the dataset " + d.dir() + " has no "
                    + SimulationFiles.Y + " (written with l96 simulate --no-y?): nothing is simulated here, so "
                    + "leave keepY out, or write the dataset without --no-y"));
        }
        return new SimulationSpec(interval, samples, spinUp, target, keepY, s.from());
    }

    /** The dataset's value; a different value the user wrote is a problem naming both. */
    private static <T> T agree(String path, T given, T found, String source, Predicate<String> written,
                               List<Problem> problems) {
        boolean same = given instanceof Double a && found instanceof Double b ? close(a, b) : Objects.equals(given,
                found);
        if (!same && written.test(path)) {
            String word = path.substring(path.indexOf('.') + 1);
            problems.add(new Problem(path, "the dataset says " + word + " " + found + " (" + source
                    + "), the script " + given + "; leave " + word + " out to take the dataset's, or use another "
                    + "dataset"));
        }
        return found;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    // ---- models ---------------------------------------------------------------------------------------------------

    /**
     * A model file: its inputs and outputs, its layers as a spec gives them (null when one is not a layer l96
     * builds: {@code unknownLayer} names it), size in bytes, SHA-256, and the manifest of the run it comes from when
     * it lies in a run's {@code train-<name>/} folder (null otherwise).
     */
    public record Model(Path path, int nIn, int nOut, List<LayerSpec> layers, String unknownLayer, long size,
                        String sha256, Path sourceManifest) {
    }

    public static Model model(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            throw new UserError("no model file " + f + (Files.isDirectory(f) ? " (it is a folder)" : "")
                    + "; give the model.zip a run wrote into train-<name>/ (a path relative to the script)");
        }
        MultiLayerNetwork net;
        try {
            net = TrainedNetwork.loadNetwork(f);
        } catch (Exception | LinkageError e) {
            // DL4J says why in its own words ("Model wasnt found within file: gotConfig: [false], …")
            throw new UserError(f + " is not a DL4J network (a model.zip as l96 writes it into train-<name>/)"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
        }
        List<LayerSpec> layers = new ArrayList<>();
        String unknown = null;
        int nIn = -1;
        int nOut = -1;
        for (int i = 0; i < net.getnLayers(); i++) {
            var conf = net.getLayer(i).conf().getLayer();
            // DL4J's DropoutLayer and BatchNormalization are FeedForwardLayers too: test them before dense
            if (conf instanceof DropoutLayer d) {
                if (d.getIDropout() instanceof org.deeplearning4j.nn.conf.dropout.Dropout dropout) {
                    layers.add(new LayerSpec.Dropout(round(1 - dropout.getP())));
                } else {
                    unknown = unknown == null ? "dropout " + d.getIDropout() : unknown;
                }
            } else if (conf instanceof FeedForwardLayer ff && !(conf instanceof BatchNormalization)) {
                if (nIn < 0) {
                    nIn = (int) ff.getNIn();
                }
                nOut = (int) ff.getNOut();
                String activation = activationWord(ff.getActivationFn());
                if (activation == null) {
                    unknown = unknown == null ? "activation " + ff.getActivationFn() : unknown;
                }
                layers.add(new LayerSpec.Dense((int) ff.getNOut(), activation));
            } else if (conf instanceof BatchNormalization bn) {
                if (nIn < 0) {
                    nIn = (int) bn.getNIn();
                }
                layers.add(new LayerSpec.BatchNorm(round(1 - bn.getDecay()), bn.getEps()));
            } else {
                unknown = unknown == null ? conf.getClass().getSimpleName() : unknown;
            }
        }
        if (nIn < 0) {
            throw new UserError("'" + file + "' has no dense layer: it is not a network l96 can use");
        }
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            throw new UserError("cannot read '" + file + "' (" + e.getMessage() + ")");
        }
        Path manifest = f.getParent() == null || f.getParent().getParent() == null ? null
                : f.getParent().getParent().resolve(Runner.MANIFEST);
        return new Model(f, nIn, nOut, unknown == null ? List.copyOf(layers) : null, unknown, size, sha256(f),
                manifest != null && Files.isRegularFile(manifest) ? manifest : null);
    }

    /**
     * The run a model file lies in, as its manifest describes it: the network's spec there and the world's K.
     * {@code mismatch} says why the manifest is not this file's run (its network's inputs, outputs or layers differ
     * from the file's, or it names no such network); then {@code network} is null and nothing is taken from it.
     */
    public record SourceRun(Path manifest, JsonNode root, NetworkSpec network, int k, String mismatch) {
    }

    /** The run {@code m} comes from, or null when no manifest lies next to its train-&lt;name&gt;/ folder. */
    public static SourceRun sourceRun(Model m) {
        if (m.sourceManifest() == null) {
            return null;
        }
        JsonNode root;
        ExperimentSpec spec;
        try {
            root = SpecJson.mapper().readTree(m.sourceManifest().toFile());
            spec = SpecJson.fromTree(root.path("spec"));
        } catch (IOException | RuntimeException e) {
            return new SourceRun(m.sourceManifest(), null, null, 0, "its spec cannot be read");
        }
        String folder = m.path().getParent().getFileName().toString();
        String name = org.l96.run.stages.TrainOutputs.networkOf(folder);
        NetworkSpec n = name == null ? null : spec.networks().get(name);
        if (n == null) {
            return new SourceRun(m.sourceManifest(), root, null, 0, "it has no network '" + name + "' for "
                    + folder + "/");
        }
        int k = spec.world().k();
        var layout = n.inputLayout();
        if (layout.inputs(k) != m.nIn() || layout.outputs(k) != m.nOut()) {
            return new SourceRun(m.sourceManifest(), root, null, k, "its network '" + name + "' (" + layout.describe()
                    + ", K = " + k + ") takes " + layout.inputs(k) + " inputs and gives " + layout.outputs(k)
                    + ", the file " + m.nIn() + " and " + m.nOut());
        }
        if (m.layers() != null && !n.layers().isEmpty() && !n.layers().equals(m.layers())) {
            return new SourceRun(m.sourceManifest(), root, null, k, "its network '" + name + "' has layers { "
                    + LayerSpec.words(n.layers()) + " }, the file { " + LayerSpec.words(m.layers()) + " }");
        }
        return new SourceRun(m.sourceManifest(), root, n, k, null);
    }

    /** 1 − (1 − m) is not m in floating point: 12 digits are more than any script writes. */
    private static double round(double v) {
        return Math.round(v * 1e12) / 1e12;
    }

    private static String activationWord(org.nd4j.linalg.activations.IActivation fn) {
        for (Vocabulary.Activation a : Vocabulary.Activation.values()) {
            var candidate = org.l96.nn.Activations.dl4j(a.word());
            if (candidate.getClass() == fn.getClass() && candidate.toString().equals(fn.toString())) {
                return a.word();
            }
        }
        return null;
    }

    // ---- hashes ---------------------------------------------------------------------------------------------------

    /** SHA-256 of a file as hex, remembered per (path, size, modification time) within this process. */
    public static String sha256(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + modified.toMillis();
            String known = HASHES.get(key);
            if (known != null) {
                return known;
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            HASHES.put(key, hex);
            return hex;
        } catch (IOException e) {
            throw new UserError("cannot read " + file + " (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
