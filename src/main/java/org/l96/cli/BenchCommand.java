package org.l96.cli;

import org.l96.chart.ChartBenchmark;
import org.l96.nn.TrainingBenchmark;
import org.l96.world.SimulationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code l96 bench}: times the kernels the seed notebook spends its time in and prints them next to the reference
 * (PyTorch/NumPy/numba on this machine kind, {@code notes/reference-run.md}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the simulation, training and inference kernels and print a table with the ratio to "
                + "the PyTorch/NumPy reference (lower is faster).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--samples", description = "samples in the simulation benchmark (default ${DEFAULT-VALUE}, the "
            + "notebook's)")
    int samples = 20_000;
    @Option(names = "--repeats", description = "timed repetitions; the best is reported (default ${DEFAULT-VALUE})")
    int repeats = 5;

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

        System.err.println("l96 bench: training (DL4J, 8-16-16-8, Adam, batch 1024×8)…");
        TrainingBenchmark.Numbers t = TrainingBenchmark.run(3, 50, 3);
        rows.add(new Row("one Adam step, batch 1024×8", t.adamStepMsMin(), 0.377, "ms",
                String.format("median of rounds %.3f ms", t.adamStepMs())));
        rows.add(new Row("assemble one shuffled batch 1024×8", t.batchAssemblyMsMin(), 2.4, "ms",
                String.format("median of rounds %.4f ms", t.batchAssemblyMs())));
        rows.add(new Row("one epoch (16001 samples + validation)", t.epochSecondsMin(), 16 * (0.377 + 2.4) / 1000,
                "s", "reference: 16 × (Adam step + loading)"));
        rows.add(new Row("inference 100×8, plain-Java forward pass", t.denseForwardUs100(), null, "µs",
                String.format("DL4J net.output: %.0f µs", t.outputUs100())));

        System.err.println("l96 bench: figures (JFreeChart, 12 notebook-like figures, 1600×1000 PNG and PDF)…");
        ChartBenchmark.Result charts = ChartBenchmark.measure(repeats);
        rows.add(new Row("12 figures, PNG", charts.pngSeconds(), 1.1, "s",
                String.format("with PDF %.3f s; first time %.3f s", charts.bothSeconds(), charts.firstSeconds())));
        print(rows);
        return Main.OK;
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
