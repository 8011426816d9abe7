package org.l96.run.stages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.dsl.Experiment;
import org.l96.run.ExperimentRunner;
import org.l96.run.Runner;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecException;
import org.l96.spec.SpecValidator;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schemes named like an evaluation's own files cannot overwrite them: a polynomial called {@code x} in a climate
 * evaluation once replaced {@code pdf-x.npy} (the bin centres) with its density, and the PDF figure plotted a density
 * against a density; {@code truth} and {@code time} in a trajectory, {@code lead} in an ensemble, {@code lag} and
 * {@code truth-again} in a climate did the same to those files. Each file is checked against what it must hold.
 */
class SchemeNamesTest {
    private static final double SAMPLE_INTERVAL = 0.01;

    private static ExperimentSpec spec() {
        Experiment e = Experiment.named("names").seed(3).simulate(s -> s.samples(6000).spinUp(2));
        // different coefficients, so that one scheme's file written over another's would show
        String[] names = {"x", "lag", "truth-again", "truth", "time", "lead"};
        for (int i = 0; i < names.length; i++) {
            double a = -0.85 + 0.02 * i;
            e.polynomial(names[i], p -> p.coefficients(a, -0.76));
        }
        return e.climate("c", c -> c.compare("none", "x", "lag", "truth-again").duration(5).spinUp(1).maxLag(1))
                .trajectory("t", t -> t.compare("none", "truth", "time").start(-101).duration(1))
                .ensemble("e", en -> en.compare("none", "lead").initialConditions(3).every(1.0).duration(1))
                .charts(c -> c.pdfs("c").trajectories("t", 0, 100, "traj"))
                .build();
    }

    private static double[] read(Path f) throws IOException {
        return Npy.read(f).data();
    }

    @Test
    void schemeNamesNeverOverwriteTheStagesOwnFiles(@TempDir Path out) throws IOException {
        ExperimentSpec spec = spec();
        Runner.Result r = ExperimentRunner.inFolder(out).parallel(1).run(spec);
        assertTrue(r.ok(), r.failed().toString());
        Path exp = out.resolve("names");

        // climate: the bin centres are the bins the spec gives, the lags the sample times; each scheme's density
        // integrates to one over them and its autocorrelation starts at 1
        EvaluationSpec.Climate c = (EvaluationSpec.Climate) spec.evaluations().get("c");
        Path climate = exp.resolve(EvaluationOutputs.stageName("c"));
        double[] bins = read(climate.resolve(EvaluationOutputs.PDF_BINS));
        assertEquals(c.bins(), bins.length);
        for (int i = 0; i < bins.length; i++) {
            assertEquals(c.binFrom() + (i + 0.5) * c.binWidth(), bins[i], 1e-9, "bin centre " + i);
        }
        double[] lags = read(climate.resolve(EvaluationOutputs.ACF_LAGS));
        for (int i = 0; i < lags.length; i++) {
            assertEquals(i * SAMPLE_INTERVAL, lags[i], 1e-9, "lag " + i);
        }
        for (String scheme : c.compare()) {
            double[] pdf = read(EvaluationOutputs.pdf(climate, scheme));
            assertEquals(bins.length, pdf.length, scheme);
            double mass = 0;
            for (double p : pdf) {
                mass += p * c.binWidth();
            }
            assertEquals(1.0, mass, 0.02, scheme + "'s density integrates to " + mass);
            assertEquals(1.0, read(EvaluationOutputs.acf(climate, scheme))[0], 1e-12, scheme);
        }
        for (EvaluationOutputs.TruthRun run : EvaluationOutputs.TruthRun.values()) {
            double mass = 0;
            for (double p : read(EvaluationOutputs.truthPdf(climate, run))) {
                mass += p * c.binWidth();
            }
            assertEquals(1.0, mass, 0.02, run.id);
        }
        // the second truth run is not the scheme called truth-again
        assertNotEquals(java.util.Arrays.toString(read(EvaluationOutputs.truthPdf(climate,
                        EvaluationOutputs.TruthRun.TRUTH_AGAIN))),
                java.util.Arrays.toString(read(EvaluationOutputs.pdf(climate, "truth-again"))));

        // trajectory: the times are the sample times, the truth is the stored world's X from the start sample
        Path trajectory = exp.resolve(EvaluationOutputs.stageName("t"));
        double[] time = read(trajectory.resolve(EvaluationOutputs.TIME));
        for (int i = 0; i < time.length; i++) {
            assertEquals(i * SAMPLE_INTERVAL, time[i], 1e-9, "time " + i);
        }
        Npy.Array x = Npy.read(exp.resolve("simulate").resolve(org.l96.run.SimulationFiles.X));
        Npy.Array truth = Npy.read(trajectory.resolve(EvaluationOutputs.TRUTH));
        int start = x.rows() - 101;
        for (int i = 0; i < truth.rows() && start + i < x.rows(); i++) {
            for (int k = 0; k < x.columns(); k++) {
                assertEquals(x.data()[(start + i) * x.columns() + k], truth.data()[i * truth.columns() + k], 1e-12,
                        "truth row " + i);
            }
        }
        double[] schemeTruth = read(EvaluationOutputs.trajectory(trajectory, "truth"));
        double[] schemeTime = read(EvaluationOutputs.trajectory(trajectory, "time"));
        assertEquals(truth.data().length, schemeTruth.length);
        assertEquals(truth.data().length, schemeTime.length);
        assertNotEquals(truth.data()[truth.data().length - 1], schemeTruth[schemeTruth.length - 1]);

        // ensemble: the leads are the sample times, the scheme 'lead' has its own error curve
        Path ensemble = exp.resolve(EvaluationOutputs.stageName("e"));
        double[] lead = read(ensemble.resolve(EvaluationOutputs.LEAD));
        for (int i = 0; i < lead.length; i++) {
            assertEquals(i * SAMPLE_INTERVAL, lead[i], 1e-9, "lead " + i);
        }
        assertEquals(lead.length, read(EvaluationOutputs.rmse(ensemble, "lead")).length);
    }

    @Test
    void aClimateSchemeCannotBeCalledTruth() {
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.requireValid(Experiment.named("t")
                .polynomial("truth", p -> p.coefficients(-0.85, -0.76))
                .climate("c", c -> c.compare("none", "truth").duration(5)).build()));
        assertTrue(e.problems().toString().contains("'truth' is the row of the truth's own statistics"),
                e.problems().toString());
    }
}
