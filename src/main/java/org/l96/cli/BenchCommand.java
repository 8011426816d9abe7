package org.l96.cli;

import org.l96.chart.ChartBenchmark;
import org.l96.nn.Trainer;
import org.l96.nn.TrainingBenchmark;
import org.l96.world.SimulationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code l96 bench}: times the kernels the seed notebook spends its time in and prints them next to the reference
 * (PyTorch/NumPy/numba on this machine kind, {@code notes/reference-run.md}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the simulation, coarse-model, training, inference, online-training and figure "
                + "kernels and print a table with the ratio to the PyTorch/NumPy reference (lower is faster).",
                "Then print the targets of the training work with the values measured: the Adam step and the "
                + "online-training step against PyTorch, two trainings side by side against one alone, a sweep "
                + "with 1 and 2 points at once (--parallel 1 and 2), and the seed example fresh and rerun.",
                "",
                "A kernel row is the fastest of its timed rounds (--repeats for the simulation, coarse model and "
                + "figures; fixed rounds for training and online training), except inference, their median. "
                + "The whole-tool rows are medians of --rounds: the trainings side by side in this JVM, the "
                + "sweep and the seed example as fresh processes. Times are wall-clock unless a note says CPU "
                + "time. Where PyTorch is not installed, the stored reference is used."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--samples", description = "samples in the simulation benchmark (default ${DEFAULT-VALUE}, the "
            + "notebook's)")
    int samples = 20_000;
    @Option(names = "--repeats", description = "timed repetitions of the simulation, coarse-model and figure "
            + "kernels; the fastest is reported (default ${DEFAULT-VALUE})")
    int repeats = 5;
    @Option(names = "--rounds", description = "rounds of the whole-tool measurements (trainings side by side, sweep, "
            + "seed example); medians are reported (default ${DEFAULT-VALUE})")
    int rounds = 3;
    @Option(names = "--no-end-to-end", description = "skip the sweep and the seed example (a few minutes); "
            + "the trainings side by side are still measured")
    boolean noEndToEnd;

    /** PyTorch's Adam step on this machine kind, batch 1024×8, 8-16-16-8 ReLU, one thread, a clean loop (ms). */
    static final double TORCH_STEP_MS = 0.30;
    /** The reference script of the whole notebook, seconds (37–41 over runs). */
    static final double SEED_REFERENCE_SECONDS = 39;

    /** One line of the table: what, our time, the reference's time for the same work, the unit. */
    record Row(String what, double ours, Double reference, String unit, String note) {
    }

    @Override
    public Integer call() {
        List<Row> rows = new ArrayList<>();
        System.err.println("l96 bench: simulation (" + samples + " samples × 10 RK4 substeps, K=8, J=32)…");
        SimulationBenchmark.Result sim = SimulationBenchmark.measure(samples, repeats);
        double refSeconds = 6.5 * samples / 20_000.0;
        rows.add(new Row("two-scale integration, " + samples + " samples", sim.bestSeconds(), refSeconds, "s",
                String.format("median %.3f s, %.2f GFLOP/s", sim.medianSeconds(), sim.gflops())));
        rows.add(new Row("one two-scale RK4 substep", sim.microsPerSubstep(), 32.5, "µs",
                sim.flopsPerSubstep() + " flop counted per substep"));

        System.err.println("l96 bench: coarse model with networks (plain-Java forward pass, whole ensembles)…");
        GcmBenchmark.Result gcm = GcmBenchmark.measure(repeats);
        rows.add(new Row("100-initial-condition test (2×100 runs×100 steps)", gcm.hundredIcSeconds(), 3.1, "s",
                "linear 1→1 and 8-16-16-8 networks"));
        rows.add(new Row("1000-time-unit run, 8-16-16-8 (100000 RK4 steps)", gcm.longRunSeconds(), 17.5, "s",
                String.format("%.2f µs per step (reference 175)", gcm.microsPerStep())));

        System.err.println("l96 bench: training (plain-Java engine and DL4J, 8-16-16-8, Adam, batch 1024×8)…");
        TrainingBenchmark.Numbers t = TrainingBenchmark.run(5, 100, 3);
        Path work;
        try {
            work = Files.createTempDirectory("l96-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Double live = EndToEndBenchmark.torchStepMs(work);
        double torch = live != null ? live : TORCH_STEP_MS;
        String torchSays = live != null ? "PyTorch run live here" : "PyTorch not installed: stored reference";
        rows.add(new Row("one Adam step 1024×8, plain-Java engine", t.engineStepMsMin(), torch, "ms",
                String.format("median of rounds %.3f ms, CPU time %.3f ms; %.0f B allocated/step; %s",
                        t.engineStepMs(), t.engineStepCpuMs(), t.engineBytesPerStep(), torchSays)));
        rows.add(new Row("one Adam step 1024×8, DL4J net.fit", t.adamStepMsMin(), torch, "ms",
                String.format("median of rounds %.3f ms, CPU time of its thread %.3f ms; %.0f kB allocated/step",
                        t.adamStepMs(), t.dl4jStepCpuMs(), t.dl4jBytesPerStep() / 1e3)));
        rows.add(new Row("assemble one shuffled batch 1024×8", t.batchAssemblyMsMin(), 2.4, "ms",
                String.format("median of rounds %.4f ms", t.batchAssemblyMs())));
        rows.add(new Row("one epoch (16001 samples + validation), engine", t.engineEpochSecondsMin(),
                16 * (0.377 + 2.4) / 1000, "s", String.format("DL4J %.4f s; reference: 16 × (Adam step + loading)",
                t.epochSecondsMin())));
        rows.add(new Row("inference 100×8, plain-Java forward pass", t.denseForwardUs100(), null, "µs",
                String.format("DL4J net.output: %.0f µs", t.outputUs100())));

        System.err.println("l96 bench: online training (256 windows × 128 RK4 steps, 8-16-16-8, reverse mode)…");
        org.l96.nn.engine.RolloutBenchmark.Result roll = org.l96.nn.engine.RolloutBenchmark.measure(3, 5);
        double torchRollout = org.l96.nn.engine.RolloutBenchmark.TORCH_STEP_MS;
        rows.add(new Row("online-training step, 256 windows × 128 RK4 steps", roll.stepMsMin(), torchRollout, "ms",
                String.format("median of rounds %.1f ms, CPU time %.1f ms; %.0f B allocated/step; tape %.0f MB; "
                        + "reference: PyTorch eager autograd, one thread (stored)", roll.stepMs(), roll.cpuMs(),
                        roll.bytesPerStep(), roll.tapeMb())));

        System.err.println("l96 bench: figures (JFreeChart, 12 notebook-like figures, 1600×1000 PNG and PDF)…");
        ChartBenchmark.Result charts = ChartBenchmark.measure(repeats);
        rows.add(new Row("12 figures, PNG", charts.pngSeconds(), 1.1, "s",
                String.format("with PDF %.3f s; first time %.3f s", charts.bothSeconds(), charts.firstSeconds())));
        print(rows);

        List<Target> targets = new ArrayList<>();
        targets.add(new Target("Adam step: engine / PyTorch", t.engineStepMsMin() / torch, "≤ 1.0",
                t.engineStepMsMin() / torch <= 1.0, String.format("%.3f ms against %.3f ms (%s)",
                t.engineStepMsMin(), torch, torchSays) + String.format("; CPU time %.3f ms, ratio %.2f",
                t.engineStepCpuMs(), t.engineStepCpuMs() / torch)));
        targets.add(new Target("online-training step: l96 / PyTorch", roll.stepMsMin() / torchRollout, "≤ 0.25",
                roll.stepMsMin() / torchRollout <= 0.25, String.format("%.1f ms against %.0f ms (stored); CPU time "
                + "%.1f ms, ratio %.3f", roll.stepMsMin(), torchRollout, roll.cpuMs(), roll.cpuMs() / torchRollout)));
        try {
            System.err.println("l96 bench: two trainings side by side against one alone…");
            TrainingBenchmark.SideBySide side = TrainingBenchmark.sideBySide(rounds, 100, Trainer.Engine.AUTO);
            targets.add(new Target("two trainings side by side: speed / alone", side.speedRatio(), "≥ 0.9",
                    side.speedRatio() >= 0.9, String.format("%d epochs: %.2f s alone, %.2f s beside another "
                    + "(medians of %d); in CPU time %.2f s and %.2f s, ratio %.2f", side.epochs(),
                    side.aloneSeconds(), side.sideBySideSeconds(), rounds, side.aloneCpuSeconds(),
                    side.sideBySideCpuSeconds(), side.cpuRatio())));
            if (!noEndToEnd) {
                System.err.println("l96 bench: a sweep of " + EndToEndBenchmark.SWEEP_POINTS
                        + " training-heavy points, 1 and then 2 at once…");
                EndToEndBenchmark.Sweep sweep = EndToEndBenchmark.sweep(work, rounds);
                targets.add(new Target("sweep --parallel 2 speed-up over --parallel 1", sweep.speedUp(), "≥ 1.8",
                        sweep.speedUp() >= 1.8, String.format("%d points × 3000 epochs: %.1f s and %.1f s "
                        + "(medians of %d); a point %.1f s alone, %.1f s beside another (the first: %.1f s alone, "
                        + "%.1f s beside another, while the JIT compiles)", sweep.points(), sweep.oneWorker(),
                        sweep.twoWorkers(), rounds, sweep.alone().later(), sweep.beside().later(),
                        sweep.alone().first(), sweep.beside().first())));
                System.err.println("l96 bench: the seed example, fresh and rerun…");
                EndToEndBenchmark.Seed seed = EndToEndBenchmark.seedExample(work, rounds);
                if (seed == null) {
                    System.err.println("l96 bench: not started by the launcher ./l96: seed example skipped");
                } else {
                    double ratio = seed.fresh() / SEED_REFERENCE_SECONDS;
                    targets.add(new Target("seed example / PyTorch script", ratio, "≤ 0.15", ratio <= 0.15,
                            String.format("%.1f s against 37–41 s (median of %d, built project)", seed.fresh(),
                                    rounds)));
                    targets.add(new Target("seed example rerun, nothing changed (s)", seed.rerun(), "≤ 1",
                            seed.rerun() <= 1, "whole process through ./l96, median of " + rounds));
                }
            } else {
                for (String skipped : List.of("sweep --parallel 2 speed-up over --parallel 1",
                        "seed example / PyTorch script", "seed example rerun, nothing changed (s)")) {
                    targets.add(new Target(skipped, Double.NaN, "", false, "skipped: --no-end-to-end"));
                }
            }
            EndToEndBenchmark.deleteTree(work);
        } catch (IOException e) {
            System.err.println("l96 bench: a whole-tool measurement failed: " + e.getMessage());
            printTargets(targets);
            return Main.INTERNAL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.INTERNAL;
        }
        printTargets(targets);
        return Main.OK;
    }

    /** A goal of issue #12: the measured value, the target, whether it is met, how it was measured. */
    record Target(String what, double value, String target, boolean met, String note) {
    }

    static void printTargets(List<Target> targets) {
        System.out.println();
        System.out.printf("%-48s %8s %8s %5s  %s%n", "target", "value", "target", "met", "measured");
        for (Target t : targets) {
            boolean measured = !Double.isNaN(t.value());
            System.out.printf("%-48s %8s %8s %5s  %s%n", t.what(), measured ? String.format("%.3f", t.value()) : "—",
                    t.target(), measured ? (t.met() ? "yes" : "no") : "—", t.note());
        }
        System.out.println("(timings on a shared machine vary; the whole-tool rows are medians of rounds: the sweep and "
                + "the seed example in fresh processes, the side-by-side trainings in this one)");
    }

    static void print(List<Row> rows) {
        System.out.printf("%-52s %12s %12s %8s  %s%n", "benchmark", "l96", "reference", "ratio", "note");
        for (Row r : rows) {
            String ref = r.reference() == null ? "—" : String.format("%.4g %s", r.reference(), r.unit());
            String ratio = r.reference() == null ? "—" : String.format("%.3f", r.ours() / r.reference());
            System.out.printf("%-52s %12s %12s %8s  %s%n", r.what(), String.format("%.4g %s", r.ours(), r.unit()),
                    ref, ratio, r.note());
        }
    }
}
