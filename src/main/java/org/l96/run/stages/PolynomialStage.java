package org.l96.run.stages;

import org.l96.data.Split;
import org.l96.eval.OfflineScores;
import org.l96.eval.PolynomialFit;
import org.l96.nn.TrainedNetwork;
import org.l96.run.SimulationFiles;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.run.UserError;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.PolynomialSpec;
import org.l96.world.Parameterization;
import org.l96.world.PolynomialParameterization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One polynomial's coefficients (fitted by least squares on the training rows, written in the script, or taken from
 * a 1→1 linear network) and its offline scores on the validation and test segments, once per polynomial whatever
 * evaluates it. Records metrics only ({@link PolynomialOutputs}); its key holds the polynomial, the data split and,
 * through its inputs, the simulation (and the network it takes its weights from).
 */
public final class PolynomialStage implements Stage {
    private final ExperimentSpec spec;
    private final String polynomial;

    public PolynomialStage(ExperimentSpec spec, String polynomial) {
        this.spec = spec;
        this.polynomial = polynomial;
    }

    public static String nameOf(String polynomial) {
        return PolynomialOutputs.stageName(polynomial);
    }

    @Override
    public String name() {
        return nameOf(polynomial);
    }

    private PolynomialSpec poly() {
        return spec.polynomials().get(polynomial);
    }

    /** A stochastic scheme's deterministic base when it is a polynomial, else null (a network, or no base). */
    private PolynomialSpec basePolynomial() {
        return poly().from() == null ? null : spec.polynomials().get(poly().from());
    }

    @Override
    public List<String> inputs() {
        List<String> in = new ArrayList<>(List.of(SimulateStage.NAME));
        PolynomialSpec coefficientsFrom = poly().from() == null ? poly() : basePolynomial();
        if (poly().from() != null && spec.networks().containsKey(poly().from())) {
            in.add(TrainStage.nameOf(poly().from()));
        }
        if (coefficientsFrom != null && coefficientsFrom.fromNetwork() != null) {
            in.add(TrainStage.nameOf(coefficientsFrom.fromNetwork()));
        }
        return in;
    }

    @Override
    public Object keyMaterial() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("polynomial", polynomial);
        m.put("spec", poly());
        if (basePolynomial() != null) {
            m.put("base", basePolynomial()); // a stochastic scheme's noise is fitted to its base's residuals
        }
        m.put("data", spec.data()); // the fit's rows and the scored segments
        m.put("fit", 2); // 2: the seed target's placeholder row 0 left out of the fits (stored fits recomputed)
        return m;
    }

    @Override
    public Map<String, String> keyMaterialPaths() {
        return poly().from() == null ? Map.of("spec", "polynomials." + polynomial, "data", "data")
                : Map.of("spec", "polynomials." + polynomial, "base", "polynomials." + poly().from(), "data", "data");
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        SimulationFiles.Loaded sim = StageInputs.simulation(ctx, false);
        if (poly().from() != null) {
            stochastic(ctx, sim);
            return;
        }
        double[] c = coefficients(spec, polynomial, sim,
                net -> ctx.input(TrainStage.nameOf(net)).resolve(TrainOutputs.MODEL));
        PolynomialParameterization p = new PolynomialParameterization(c);
        int k = sim.k();
        Split split;
        try {
            split = Split.of(sim.pairRows(), spec.data());
        } catch (IllegalArgumentException e) {
            throw new UserError("data: " + e.getMessage(), e);
        }
        // scored without copying the segments: P a block of rows at a time (a long truth's test segment is most of it)
        OfflineScores val = split.testStart() > split.validationStart() ? OfflineScores.of(p, sim.x(),
                sim.coupling(), split.validationStart(), split.testStart(), k) : null;
        OfflineScores test = split.testRows() == 0 ? null
                : OfflineScores.of(p, sim.x(), sim.coupling(), split.testStart(), split.rows(), k);
        Map<String, Object> m = new LinkedHashMap<>();
        // ascending powers, as added to the tendency (c0 + c1 X + …): the papers' order; c is highest power first
        m.put(PolynomialOutputs.COEFFICIENTS, ascending(c));
        m.put(OfflineOutputs.OFFLINE, OfflineOutputs.scores(val, test));
        ctx.metric(PolynomialOutputs.metricPath(polynomial), m);
    }

    /**
     * A stochastic scheme: its noise, fitted to its base's residuals on the training rows (or as given), and the
     * base's coefficients when the base is a polynomial; no offline scores (those are its base's, under the base's
     * name).
     */
    private void stochastic(StageContext ctx, SimulationFiles.Loaded sim) throws IOException {
        String from = poly().from();
        Parameterization base;
        List<Double> ascending = null;
        if (basePolynomial() != null) {
            double[] c = coefficients(spec, from, sim,
                    net -> ctx.input(TrainStage.nameOf(net)).resolve(TrainOutputs.MODEL));
            base = new PolynomialParameterization(c);
            ascending = ascending(c);
        } else {
            base = EvaluateStage.network(ctx, from, spec.networks().get(from), spec);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (ascending != null) {
            m.put(PolynomialOutputs.COEFFICIENTS, ascending);
        }
        m.put(PolynomialOutputs.NOISE, SchemeNoise.of(spec, polynomial, base, sim).reported());
        ctx.metric(PolynomialOutputs.metricPath(polynomial), m);
    }

    /** Highest power first to ascending powers (c0, c1, …: the papers' order, as added to the tendency). */
    static List<Double> ascending(double[] c) {
        List<Double> out = new ArrayList<>();
        for (int i = c.length - 1; i >= 0; i--) {
            out.add(c[i]);
        }
        return out;
    }

    /**
     * The coefficients of polynomial {@code name}, highest power first: as written, fitted by least squares on the
     * training rows' local pairs (X_k, coupling_k), or the weight and bias of the 1→1 linear network
     * {@code fromNetwork} (whose {@code model.zip} {@code modelOf} gives).
     *
     * @throws UserError when the data cannot determine the fit or the result is not finite
     */
    static double[] coefficients(ExperimentSpec spec, String name, SimulationFiles.Loaded sim,
                                 Function<String, Path> modelOf) throws IOException {
        PolynomialSpec p = spec.polynomials().get(name);
        double[] coefficients;
        if (p.coefficients() != null) {
            coefficients = p.coefficients().stream().mapToDouble(Double::doubleValue).toArray();
        } else if (p.fromNetwork() != null) {
            coefficients = TrainedNetwork.linearCoefficients(modelOf.apply(p.fromNetwork()));
        } else {
            Split split = Split.of(sim.pairRows(), spec.data());
            int n = split.trainRows() * sim.k();
            // row 0 of the seed target is a placeholder (zeros), not data: K points at (X_k(0), 0) would pull the fit
            int first = Math.min(spec.simulation().firstTargetRow() * sim.k(), n);
            try {
                // streaming: nothing copied, memory O(degree²) however long the training rows
                coefficients = PolynomialFit.fit(sim.x(), sim.coupling(), first, n, p.fitDegree());
            } catch (IllegalArgumentException tooFewOrDegenerate) { // the data decide, so only the run can tell
                throw new UserError("polynomial '" + name + "': " + tooFewOrDegenerate.getMessage() + " ("
                        + split.trainRows() + " training samples × " + sim.k() + " X_k)");
            }
        }
        for (double c : coefficients) {
            if (!Double.isFinite(c)) { // only a computed polynomial gets here: written ones are validated
                throw new UserError("polynomial '" + name + "' has non-finite coefficients "
                        + Arrays.toString(coefficients) + (p.fromNetwork() != null
                        ? ": network '" + p.fromNetwork() + "' trained to non-finite weights (its training diverged)"
                        : ": the training data it was fitted to are not finite (the world's run blew up)"));
            }
        }
        return coefficients;
    }
}
