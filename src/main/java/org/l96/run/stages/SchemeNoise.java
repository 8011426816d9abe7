package org.l96.run.stages;

import org.l96.data.Split;
import org.l96.eval.NoiseFit;
import org.l96.run.SimulationFiles;
import org.l96.run.UserError;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.NoiseSpec;
import org.l96.spec.PolynomialSpec;
import org.l96.spec.Vocabulary;
import org.l96.world.Parameterization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The noise of a stochastic scheme ({@code polynomial(…) { from …; noise … }}): the parameters the script gives,
 * the others fitted ({@link NoiseFit}) to the residuals coupling − P(X) of its deterministic base on the training
 * rows. The same for the scheme's own stage, which reports it, and every evaluation that runs it.
 *
 * @param sigmas   the form's standard deviations, in the order of its parameter names
 * @param phi      lag-one autocorrelation at the sampling interval (0 for white noise)
 * @param interval the sampling interval Δ
 * @param reported what {@code metrics.polynomials.<name>.noise} holds: base, form, process, phi, interval, the
 *                 parameters by name, and the names of those fitted (phi, the σ)
 */
record SchemeNoise(double[] sigmas, double phi, double interval, Map<String, Object> reported) {

    /** Rows of residuals computed at once while fitting: 3 × 4096 × K doubles. */
    static final int BLOCK_ROWS = 4096;

    static SchemeNoise of(ExperimentSpec spec, String name, Parameterization deterministic,
                          SimulationFiles.Loaded sim) {
        PolynomialSpec p = spec.polynomials().get(name);
        NoiseSpec noise = p.noise();
        Vocabulary.NoiseForm form = noise.noiseForm();
        double interval = spec.simulation().sampleInterval();
        boolean ar1 = noise.ar1();
        boolean fit = noise.sigmas() == null || (ar1 && noise.phi() == null);
        double phi = ar1 && noise.phi() != null ? noise.phi() : 0.0;
        double[] sigmas = new double[form.parameters().size()];
        if (noise.sigmas() != null) {
            for (int i = 0; i < sigmas.length; i++) {
                sigmas[i] = noise.sigmas().get(form.parameters().get(i));
            }
        }
        if (fit) {
            Split split;
            try {
                split = Split.of(sim.pairRows(), spec.data());
            } catch (IllegalArgumentException e) {
                throw new UserError("data: " + e.getMessage(), e);
            }
            int k = sim.k();
            // the residuals form one series at the sampling interval: the training rows up to the first without a
            // finite target (a discrete target has none in its last row)
            // (row 0 of the seed target is a placeholder of zeros, not data: the series starts after it)
            int first = Math.min(spec.simulation().firstTargetRow(), split.trainRows());
            int end = first;
            while (end < split.trainRows() && finiteRow(sim.coupling(), end, k)) {
                end++;
            }
            int rows = end - first;
            // streamed: the residuals are recomputed a block of rows at a time on each pass, never held whole
            NoiseFit.Residuals residuals = NoiseFit.Residuals.of(deterministic, sim.x(), sim.coupling(), first, rows,
                    k, BLOCK_ROWS);
            NoiseFit f;
            try {
                f = switch (form) {
                    case ADDITIVE -> NoiseFit.additive(residuals, interval);
                    case STATE_DEPENDENT -> NoiseFit.stateDependent(residuals, interval, NoiseFit.DEFAULT_BIN_WIDTH);
                    case MULTIPLICATIVE -> NoiseFit.multiplicative(residuals, interval, NoiseFit.DEFAULT_BIN_WIDTH);
                    case MULTIPLICATIVE_ADDITIVE -> NoiseFit.multiplicativeAdditive(residuals, interval,
                            NoiseFit.DEFAULT_BIN_WIDTH);
                };
            } catch (IllegalArgumentException tooFew) { // the data decide, so only the run can tell
                throw new UserError("polynomial '" + name + "': cannot fit its " + noise.form() + " noise: "
                        + tooFew.getMessage() + " (" + rows + " training samples × " + k + " X_k)");
            }
            if (noise.sigmas() == null) {
                sigmas = f.sigmas();
            }
            if (ar1 && noise.phi() == null) {
                phi = f.phi();
            }
            for (double v : sigmas) {
                if (!Double.isFinite(v)) {
                    throw new UserError("polynomial '" + name + "': its fitted noise is not finite (the residuals "
                            + "of '" + p.from() + "' on the training data are not finite)");
                }
            }
            if (!(phi >= 0.0 && phi < 1.0)) {
                throw new UserError("polynomial '" + name + "': the fitted lag-one autocorrelation of the residuals"
                        + " is " + phi + ", outside [0, 1): AR(1) noise cannot have it; give phi, or use white noise");
            }
        }
        Map<String, Object> reported = new LinkedHashMap<>();
        reported.put(EvaluationOutputs.NOISE_BASE, p.from());
        reported.put(EvaluationOutputs.NOISE_FORM, noise.form());
        reported.put(EvaluationOutputs.NOISE_PROCESS, noise.process());
        reported.put(EvaluationOutputs.NOISE_PHI, phi);
        reported.put(EvaluationOutputs.NOISE_INTERVAL, interval);
        for (int i = 0; i < sigmas.length; i++) {
            reported.put(form.parameters().get(i), sigmas[i]);
        }
        // which parameters were fitted (phi given and σ fitted is not "fitted" as a whole): [] when all given
        List<String> fitted = new ArrayList<>();
        if (ar1 && noise.phi() == null) {
            fitted.add(EvaluationOutputs.NOISE_PHI);
        }
        if (noise.sigmas() == null) {
            fitted.addAll(form.parameters());
        }
        reported.put(EvaluationOutputs.NOISE_FITTED, fitted);
        return new SchemeNoise(sigmas, phi, interval, reported);
    }

    private static boolean finiteRow(double[] values, int row, int k) {
        for (int i = row * k; i < (row + 1) * k; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }
}
