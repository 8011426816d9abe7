package org.l96.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.l96.data.Npy;
import org.l96.run.AtomicFiles;
import org.l96.run.Provenance;
import org.l96.run.ProgressReporter;
import org.l96.run.SimulationFiles;
import java.util.List;
import org.l96.run.Simulator;
import org.l96.run.UserError;
import org.l96.spec.SimulationSpec;
import org.l96.spec.SpecJson;
import org.l96.spec.SpecValidator;
import org.l96.spec.Suggest;
import org.l96.spec.Vocabulary;
import org.l96.spec.WorldSpec;
import org.l96.world.TwoScaleState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code l96 simulate}: a dataset of the two-scale world without a script. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate the two-scale Lorenz-96 world and write X.npy (rows × K), Y.npy (rows × J·K, "
                + "not with --no-y), Ylast.npy (1 × J·K), coupling.npy (rows × K), t.npy (rows; rows = samples + 1, "
                + "all float64) and manifest.json into --out, streamed as they are computed.",
                "Defaults are the seed notebook's."})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--k", description = "number of slow variables X (≥ 4; default ${DEFAULT-VALUE})")
    int k = 8;
    @Option(names = "--j", description = "fast variables Y per X (≥ 1; default ${DEFAULT-VALUE})")
    int j = 32;
    @Option(names = "--forcing", description = "forcing F (default ${DEFAULT-VALUE})")
    double forcing = 18;
    @Option(names = "--h", description = "coupling coefficient h (default ${DEFAULT-VALUE})")
    double h = 1;
    @Option(names = "--b", description = "spatial scale ratio b (default ${DEFAULT-VALUE})")
    double b = 10;
    @Option(names = "--c", description = "time scale ratio c (default ${DEFAULT-VALUE})")
    double c = 10;
    @Option(names = "--dt", description = "internal time step, model time units (default ${DEFAULT-VALUE})")
    double dt = 0.001;
    @Option(names = "--integrator", paramLabel = "SCHEME", description = "time stepping: euler (forward Euler; "
            + "unstable at dt 0.001 with c = 10, needs about 0.0002 or less), rk2 (midpoint) or rk4 "
            + "(default ${DEFAULT-VALUE})")
    String integrator = "rk4";
    @Option(names = "--sample-interval", description = "time between samples, a whole multiple of dt "
            + "(default ${DEFAULT-VALUE})")
    double sampleInterval = 0.01;
    @Option(names = "--samples", description = "number of sampling intervals (default ${DEFAULT-VALUE})")
    int samples = 20_000;
    @Option(names = "--seed", description = "seed of the initial state, drawn as NumPy's np.random.seed(s); "
            + "X0 = b·randn(K), Y0 = randn(J·K) (default ${DEFAULT-VALUE})")
    long seed = 14;
    @Option(names = "--x0", paramLabel = "FILE.npy", description = "initial X (K values) instead of a seeded draw")
    Path x0;
    @Option(names = "--y0", paramLabel = "FILE.npy", description = "initial Y (J·K values, k-major); with --x0")
    Path y0;
    @Option(names = "--no-y", description = "do not write Y.npy, the whole history of Y (rows × J·K: 2 GB for a "
            + "million samples at K = 8, J = 32); Ylast.npy, Y of the last sample, is written either way")
    boolean noY;
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder to write into")
    Path out;

    @Override
    public Integer call() throws Exception {
        WorldSpec world = new WorldSpec(k, j, forcing, h, b, c, dt, WorldSpec.RNG_NUMPY_LEGACY,
                integrator);
        SimulationSpec sim = new SimulationSpec(sampleInterval, samples, 0, SimulationSpec.COUPLING_SEED, !noY);
        check();
        TwoScaleState start = x0 != null ? explicitState() : Simulator.initialState(world, seed);

        // the manifest's JSON machinery and provenance take a third of a second to start: on a second core, while
        // the world is integrated
        Thread warmUp = new Thread(() -> {
            SpecJson.toTree(world);
            Provenance.current();
        }, "l96-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();

        Path target = out.toAbsolutePath().normalize();
        // two simulations into one folder take turns (as runs do): the lock lies next to the folder, which a fresh
        // simulation renames into place whole
        Path lockFile = target.resolveSibling("." + target.getFileName() + ".lock");
        try (org.l96.run.FolderLock held = org.l96.run.FolderLock.acquire(lockFile, "simulate into " + target,
                why -> System.err.println("l96: " + why), () -> false)) {
            simulateLocked(world, sim, start, target);
        }
        return Main.OK;
    }

    private void simulateLocked(WorldSpec world, SimulationSpec sim, TwoScaleState start, Path target)
            throws IOException {
        boolean fresh = !Files.exists(target);
        // always into a sibling folder of its own: renamed into place when --out is new, its files moved in one by
        // one (the manifest last) when --out holds an earlier dataset; an interruption leaves --out as it was
        Path dir = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectories(dir);
        // Ctrl-C (or a kill) while simulating: the half-written temporary folder goes, and the user is told
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            if (done.get()) {
                return;
            }
            try {
                AtomicFiles.deleteTree(dir);
            } catch (IOException | RuntimeException ignored) {
                // best effort while the JVM stops
            }
            System.err.println("l96: interrupted; nothing written to " + target);
        }, "l96-simulate-interrupted");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            long t0 = System.nanoTime();
            // streamed to disk as it is integrated: memory does not grow with the number of samples
            if (ProgressReporter.isTerminal()) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("simulate").setInitialMax(samples)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(100)
                        .build()) {
                    Simulator.simulate(world, sim, start, dir, !noY, f -> bar.stepTo(Math.round(f * samples)));
                }
            } else {
                Simulator.simulate(world, sim, start, dir, !noY, f -> { });
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            writeManifest(dir, world, sim, seconds);
            done.set(true);
            if (fresh) {
                AtomicFiles.move(dir, target);
            } else {
                replaceDataset(dir, target);
            }
            System.err.printf("l96: simulated %d samples (%d×%d %s steps) in %.2f s → %s%n", samples, samples,
                    Math.round(sampleInterval / dt), integrator, seconds, out);
        } finally {
            done.set(true);
            org.l96.run.ShutdownHooks.remove(onInterrupt);
            AtomicFiles.deleteTree(dir);
        }
    }

    /**
     * The arrays of a dataset, then its manifest (moved last, so that it describes files already in place); an
     * array this simulation did not make (Y.npy with --no-y) goes from --out.
     */
    private static final List<String> DATASET = List.of(SimulationFiles.X, SimulationFiles.Y, SimulationFiles.Y_LAST,
            SimulationFiles.COUPLING, SimulationFiles.T, "manifest.json");

    /** Moves the new dataset's files over the earlier one's, each rename atomic, in {@link #DATASET}'s order. */
    private static void replaceDataset(Path dir, Path target) throws IOException {
        for (String f : DATASET) {
            if (Files.exists(dir.resolve(f))) {
                Files.move(dir.resolve(f), target.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(target.resolve(f)); // an earlier dataset's, which would not match this one
            }
        }
    }

    /** Every bad value is found before anything is written; each message names its option. */
    private void check() {
        if (k < 4) {
            throw new UserError("--k must be at least 4, got " + k);
        }
        if (j < 1) {
            throw new UserError("--j must be at least 1, got " + j);
        }
        for (var opt : new Object[][]{{"--forcing", forcing}, {"--h", h}, {"--b", b}, {"--c", c}}) {
            if (!Double.isFinite((double) opt[1])) {
                throw new UserError(opt[0] + " must be a finite number, got " + opt[1]);
            }
        }
        if (b == 0 || c == 0) {
            throw new UserError((b == 0 ? "--b" : "--c") + " must not be zero");
        }
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new UserError("--dt must be a positive number, got " + dt);
        }
        if (!Vocabulary.INTEGRATORS.contains(integrator)) {
            throw new UserError("--integrator '" + integrator + "' is not a scheme; use one of "
                    + String.join(", ", Vocabulary.INTEGRATORS)
                    + Suggest.closest(integrator, Vocabulary.INTEGRATORS).map(s -> " (did you mean '" + s + "'?)")
                    .orElse(""));
        }
        if (!(sampleInterval > 0) || !Double.isFinite(sampleInterval)) {
            throw new UserError("--sample-interval must be a positive number, got " + sampleInterval);
        }
        if (!SpecValidator.isWholeMultiple(sampleInterval, dt)) {
            throw new UserError("--sample-interval " + sampleInterval + " is not a whole multiple of --dt " + dt);
        }
        if (samples < 1) {
            throw new UserError("--samples must be at least 1, got " + samples);
        }
        if ((samples + 1L) * k > Integer.MAX_VALUE - 8) {
            throw new UserError("--samples " + samples + " with K = " + k + " gives an X history too large for"
                    + " one array; use fewer samples");
        }
        if ((x0 == null) != (y0 == null)) {
            throw new UserError((x0 == null ? "--y0" : "--x0") + " needs " + (x0 == null ? "--x0" : "--y0")
                    + " too: an explicit initial state has both X and Y");
        }
        OutputFolder.check("--out", out); // a file, an unwritable or uncreatable place: said before any work
    }

    private TwoScaleState explicitState() {
        return new TwoScaleState(readVector("--x0", x0, k, "K = " + k), readVector("--y0", y0, j * k,
                "J·K = " + j * k));
    }

    private static double[] readVector(String option, Path file, int length, String what) {
        Npy.Array a;
        try {
            a = Npy.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": " + e.getMessage());
        }
        if (a.data().length != length || a.shape().length > 2 || (a.shape().length == 2 && a.shape()[0] != 1)) {
            throw new UserError(option + " " + file + " is an " + a + "; it must hold " + what + " values, shape ("
                    + length + ",)");
        }
        for (double v : a.data()) {
            if (!Double.isFinite(v)) {
                throw new UserError(option + " " + file + " holds a value that is not finite: " + v);
            }
        }
        return a.data();
    }

    /**
     * Writes the manifest last. The arrays went into a fresh sibling folder renamed into place when --out did not
     * exist yet; into an existing folder, file by file with atomic renames.
     */
    private void writeManifest(Path dir, WorldSpec world, SimulationSpec sim, double seconds) throws IOException {
        {
            ObjectNode m = SpecJson.mapper().createObjectNode();
            m.put("command", "simulate");
            m.set("world", SpecJson.toTree(world));
            m.set("simulation", SpecJson.toTree(sim));
            ObjectNode init = m.putObject("initialState");
            if (x0 != null) {
                init.put("x0", x0.toAbsolutePath().toString());
                init.put("y0", y0.toAbsolutePath().toString());
            } else {
                init.put("seed", seed);
                init.put("rng", WorldSpec.RNG_NUMPY_LEGACY);
            }
            m.put("rows", samples + 1);
            m.put("couplingConvention", "row 0 zero; row n+1 at the first stage (the pre-step state) of the last"
                    + " internal step before sample n+1 (the seed notebook's)");
            m.put("seconds", Math.round(seconds * 1000) / 1000.0);
            m.set("provenance", SpecJson.toTree(Provenance.current()));
            AtomicFiles.writeString(dir.resolve("manifest.json"),
                    SpecJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
        }
    }
}
