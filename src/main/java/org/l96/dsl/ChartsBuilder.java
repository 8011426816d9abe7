package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.ChartSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code charts { lossCurves 'ann', file: '05_netann_50ep_losses'; trajectories 'T10', variable: 4, steps: 200 }}:
 * one word per kind of figure. Without {@code file:} the name is the kind and its target ({@code lossCurves_ann}),
 * made unique with a number.
 */
public final class ChartsBuilder extends DslBuilder {
    public static final int PREDICTIONS_VARIABLE = Defaults.PREDICTIONS_VARIABLE;
    public static final int PREDICTIONS_SAMPLES = Defaults.PREDICTIONS_SAMPLES;
    public static final int TRAJECTORIES_VARIABLE = Defaults.TRAJECTORIES_VARIABLE;
    public static final int TRAJECTORIES_STEPS = Defaults.TRAJECTORIES_STEPS;
    public static final double ACTIVATION_FROM = Defaults.ACTIVATION_FROM;
    public static final double ACTIVATION_TO = Defaults.ACTIVATION_TO;

    /** A chart waiting for its file name, which may depend on the charts declared after it. */
    private record Pending(String file, String defaultFile, Function<String, ChartSpec> make) {
    }

    private final List<Pending> charts = new ArrayList<>();

    ChartsBuilder(DslContext context) {
        super(context, "charts");
    }

    @Override
    String blockName() {
        return "charts";
    }

    @Override
    boolean takesActivationWords() {
        return true;
    }

    private ChartsBuilder add(Origin at, String file, String kind, String target,
                              Function<String, ChartSpec> make) {
        context.record(path + "." + charts.size(), at);
        charts.add(new Pending(file, target == null ? kind : kind + "_" + target, make));
        return this;
    }

    /** A chart of one named target (a network, test or evaluation) whose only option is {@code file:}. */
    private ChartsBuilder named(String word, Map<String, ?> options, String target,
                                BiFunction<String, String, ChartSpec> make) {
        Options o = options(word, options, "file");
        return add(o.at(), o.text("file", null), word, target, f -> make.apply(f, target));
    }

    private ChartsBuilder named(String word, String target, String file, BiFunction<String, String, ChartSpec> make) {
        return add(here(word), file, word, target, f -> make.apply(f, target));
    }

    private Options options(String word, Map<String, ?> options, String... allowed) {
        return new Options(this, word, options, here(word), List.of(allowed));
    }

    // ---- one batch: state against subgrid tendency ----------------------------------------------------------------

    /** One training batch of the non-local data: state X against subgrid tendency. */
    public ChartsBuilder batchScatter() {
        return batchScatter((String) null, null);
    }

    /** One training batch of the data the network trains on (local or non-local). */
    public ChartsBuilder batchScatter(String network) {
        return batchScatter(network, null);
    }

    /** {@code batchScatter file: '01_batch'}. */
    public ChartsBuilder batchScatter(Map<String, ?> options) {
        Options o = options("batchScatter", options, "file");
        String file = o.text("file", null);
        return add(o.at(), file, "batchScatter", null, f -> new ChartSpec.BatchScatter(f, null));
    }

    /** {@code batchScatter 'linear', file: '01_batch_state_vs_subgrid'}. */
    public ChartsBuilder batchScatter(Map<String, ?> options, String network) {
        Options o = options("batchScatter", options, "file");
        String file = o.text("file", null);
        return add(o.at(), file, "batchScatter", network, f -> new ChartSpec.BatchScatter(f, network));
    }

    public ChartsBuilder batchScatter(String network, String file) {
        return add(here("batchScatter"), file, "batchScatter", network, f -> new ChartSpec.BatchScatter(f, network));
    }

    // ---- predictions over time ------------------------------------------------------------------------------------

    /** A network's predicted against true subgrid tendency of X_0 over the first 1000 validation samples. */
    public ChartsBuilder predictions(String network) {
        return predictions(network, PREDICTIONS_VARIABLE, PREDICTIONS_SAMPLES, null);
    }

    /** {@code predictions 'ann', variable: 1, samples: 1000, file: '06_netann_pred_vs_true'}. */
    public ChartsBuilder predictions(Map<String, ?> options, String network) {
        Options o = options("predictions", options, "variable", "samples", "file");
        int variable = o.whole("variable", PREDICTIONS_VARIABLE);
        int samples = o.whole("samples", PREDICTIONS_SAMPLES);
        return add(o.at(), o.text("file", null), "predictions", network,
                f -> new ChartSpec.Predictions(f, network, variable, samples));
    }

    public ChartsBuilder predictions(String network, int variable, int samples, String file) {
        return add(here("predictions"), file, "predictions", network,
                f -> new ChartSpec.Predictions(f, network, variable, samples));
    }

    // ---- trajectories of an evaluation ----------------------------------------------------------------------------

    /** X_0 over the first 200 steps of a trajectory evaluation, truth and every parameterization. */
    public ChartsBuilder trajectories(String evaluation) {
        return trajectories(evaluation, TRAJECTORIES_VARIABLE, TRAJECTORIES_STEPS, null);
    }

    /** {@code trajectories 'T10', variable: 4, steps: 200, file: '03_gcm_compare_T10'}. */
    public ChartsBuilder trajectories(Map<String, ?> options, String evaluation) {
        Options o = options("trajectories", options, "variable", "steps", "file");
        int variable = o.whole("variable", TRAJECTORIES_VARIABLE);
        int steps = o.whole("steps", TRAJECTORIES_STEPS);
        return add(o.at(), o.text("file", null), "trajectories", evaluation,
                f -> new ChartSpec.Trajectories(f, evaluation, variable, steps));
    }

    public ChartsBuilder trajectories(String evaluation, int variable, int steps, String file) {
        return add(here("trajectories"), file, "trajectories", evaluation,
                f -> new ChartSpec.Trajectories(f, evaluation, variable, steps));
    }

    // ---- an activation function -----------------------------------------------------------------------------------

    /** The activation function over [-2, 2]. */
    public ChartsBuilder activation(String activation) {
        return activation(activation, ACTIVATION_FROM, ACTIVATION_TO, null);
    }

    /** {@code activation relu, from: -2, to: 2, file: '04_relu'}. */
    public ChartsBuilder activation(Map<String, ?> options, String activation) {
        Options o = options("activation", options, "from", "to", "file");
        double from = o.number("from", ACTIVATION_FROM);
        double to = o.number("to", ACTIVATION_TO);
        return add(o.at(), o.text("file", null), "activation", activation,
                f -> new ChartSpec.Activation(f, activation, from, to));
    }

    public ChartsBuilder activation(String activation, double from, double to, String file) {
        return add(here("activation"), file, "activation", activation,
                f -> new ChartSpec.Activation(f, activation, from, to));
    }

    // ---- loss curves ----------------------------------------------------------------------------------------------

    /** Training and validation loss per epoch of a network. */
    public ChartsBuilder lossCurves(String network) {
        return lossCurves(network, null);
    }

    /** {@code lossCurves 'ann', log: true, file: '05_losses'}: with {@code log} the loss axis is logarithmic. */
    public ChartsBuilder lossCurves(Map<String, ?> options, String network) {
        Options o = options("lossCurves", options, "log", "file");
        Boolean log = o.has("log") ? o.bool("log", false) : null;
        return add(o.at(), o.text("file", null), "lossCurves", network,
                f -> new ChartSpec.LossCurves(f, network, log));
    }

    public ChartsBuilder lossCurves(String network, String file) {
        return named("lossCurves", network, file, ChartSpec.LossCurves::new);
    }

    /** Java: {@code lossCurves("ann", true, null)} for a log loss axis. */
    public ChartsBuilder lossCurves(String network, boolean log, String file) {
        return add(here("lossCurves"), file, "lossCurves", network, f -> new ChartSpec.LossCurves(f, network, log));
    }

    // ---- several networks' losses ---------------------------------------------------------------------------------

    /** Several networks' losses per epoch on one chart, one colour per network. */
    public ChartsBuilder lossComparison(String... networks) {
        return lossComparison(List.of(networks), null, null);
    }

    /** {@code lossComparison 'ann', 'ann-decay', log: true, file: 'losses'}. */
    public ChartsBuilder lossComparison(Map<String, ?> options, String... networks) {
        Options o = options("lossComparison", options, "log", "file");
        Boolean log = o.has("log") ? o.bool("log", false) : null;
        return lossComparison(o.at(), List.of(networks), log, o.text("file", null));
    }

    /** Java: {@code lossComparison(List.of("ann", "ann-decay"), true, null)}. */
    public ChartsBuilder lossComparison(List<String> networks, Boolean log, String file) {
        return lossComparison(here("lossComparison"), networks, log, file);
    }

    private ChartsBuilder lossComparison(Origin at, List<String> networks, Boolean log, String file) {
        List<String> nets = List.copyOf(networks);
        return add(at, file, "lossComparison", nets.isEmpty() ? null : String.join("_", nets),
                f -> new ChartSpec.LossComparison(f, nets, log));
    }

    // ---- coupling term against X ----------------------------------------------------------------------------------

    /** The coupling term against X over the training segment, with each polynomial's curve over it. */
    public ChartsBuilder couplingScatter(String... polynomials) {
        return couplingScatter(List.of(polynomials), Defaults.COUPLING_SCATTER_SAMPLES, null);
    }

    /** {@code couplingScatter 'cubic', samples: 5000, file: 'coupling'}. */
    public ChartsBuilder couplingScatter(Map<String, ?> options, String... polynomials) {
        Options o = options("couplingScatter", options, "samples", "file");
        int samples = o.whole("samples", Defaults.COUPLING_SCATTER_SAMPLES);
        List<String> polys = List.of(polynomials);
        return add(o.at(), o.text("file", null), "couplingScatter", polys.isEmpty() ? null : String.join("_", polys),
                f -> new ChartSpec.CouplingScatter(f, polys, samples));
    }

    /** Java: {@code couplingScatter(List.of("cubic"), 5000, null)}. */
    public ChartsBuilder couplingScatter(List<String> polynomials, int samples, String file) {
        List<String> polys = List.copyOf(polynomials);
        return add(here("couplingScatter"), file, "couplingScatter", polys.isEmpty() ? null
                : String.join("_", polys), f -> new ChartSpec.CouplingScatter(f, polys, samples));
    }

    // ---- Hovmöller ------------------------------------------------------------------------------------------------

    /** X against k and time of a trajectory evaluation: the truth and its first compared scheme, the whole run. */
    public ChartsBuilder hovmoller(String evaluation) {
        return hovmoller(evaluation, null, null, null);
    }

    /** {@code hovmoller 'T5', scheme: 'ann', steps: 300, file: 'hovmoller'}. */
    public ChartsBuilder hovmoller(Map<String, ?> options, String evaluation) {
        Options o = options("hovmoller", options, "scheme", "steps", "file");
        String scheme = o.text("scheme", null);
        Integer steps = o.whole("steps");
        return add(o.at(), o.text("file", null), "hovmoller", evaluation,
                f -> new ChartSpec.Hovmoller(f, evaluation, scheme, steps));
    }

    /** Java: {@code hovmoller("T5", "ann", null, null)}; null scheme: the first compared, null steps: all. */
    public ChartsBuilder hovmoller(String evaluation, String scheme, Integer steps, String file) {
        return add(here("hovmoller"), file, "hovmoller", evaluation,
                f -> new ChartSpec.Hovmoller(f, evaluation, scheme, steps));
    }

    // ---- LR range test --------------------------------------------------------------------------------------------

    /** Loss against learning rate of an LR range test, with the suggested rate marked. */
    public ChartsBuilder lrRangeTest(String test) {
        return lrRangeTest(test, null);
    }

    /** {@code lrRangeTest 'ann-lr', file: '11_lr_finder'}. */
    public ChartsBuilder lrRangeTest(Map<String, ?> options, String test) {
        return named("lrRangeTest", options, test, ChartSpec.LrRangeTest::new);
    }

    public ChartsBuilder lrRangeTest(String test, String file) {
        return named("lrRangeTest", test, file, ChartSpec.LrRangeTest::new);
    }

    // ---- spreadByLead ----

    /** Ensemble-mean RMSE (95% bands) and spread against lead of an ensemble forecast (members ≥ 2). */
    public ChartsBuilder spreadByLead(String evaluation) {
        return spreadByLead(evaluation, null);
    }

    /** {@code spreadByLead 'name', file: 'my_figure'}. */
    public ChartsBuilder spreadByLead(Map<String, ?> options, String evaluation) {
        return named("spreadByLead", options, evaluation, ChartSpec.SpreadByLead::new);
    }

    public ChartsBuilder spreadByLead(String evaluation, String file) {
        return named("spreadByLead", evaluation, file, ChartSpec.SpreadByLead::new);
    }

    // ---- crpsByLead ----

    /** CRPS against lead of an ensemble forecast (members ≥ 2), with 95% bands. */
    public ChartsBuilder crpsByLead(String evaluation) {
        return crpsByLead(evaluation, null);
    }

    /** {@code crpsByLead 'name', file: 'my_figure'}. */
    public ChartsBuilder crpsByLead(Map<String, ?> options, String evaluation) {
        return named("crpsByLead", options, evaluation, ChartSpec.CrpsByLead::new);
    }

    public ChartsBuilder crpsByLead(String evaluation, String file) {
        return named("crpsByLead", evaluation, file, ChartSpec.CrpsByLead::new);
    }

    // ---- rankHistograms ----

    /** Rank histograms of an ensemble forecast at its rankLeads. */
    public ChartsBuilder rankHistograms(String evaluation) {
        return rankHistograms(evaluation, null);
    }

    /** {@code rankHistograms 'name', file: 'my_figure'}. */
    public ChartsBuilder rankHistograms(Map<String, ?> options, String evaluation) {
        return named("rankHistograms", options, evaluation, ChartSpec.RankHistograms::new);
    }

    public ChartsBuilder rankHistograms(String evaluation, String file) {
        return named("rankHistograms", evaluation, file, ChartSpec.RankHistograms::new);
    }

    // ---- rmseByLead ----

    /** RMSE/σ_X against lead time of a forecast evaluation, with 95% bands, every scheme plus none and the ceiling. */
    public ChartsBuilder rmseByLead(String evaluation) {
        return rmseByLead(evaluation, null);
    }

    /** {@code rmseByLead 'name', file: 'my_figure'}. */
    public ChartsBuilder rmseByLead(Map<String, ?> options, String evaluation) {
        return named("rmseByLead", options, evaluation, ChartSpec.RmseByLead::new);
    }

    public ChartsBuilder rmseByLead(String evaluation, String file) {
        return named("rmseByLead", evaluation, file, ChartSpec.RmseByLead::new);
    }

    // ---- anomalyCorrelation ----

    /** Anomaly correlation against lead time of a forecast evaluation, with 95% bands. */
    public ChartsBuilder anomalyCorrelation(String evaluation) {
        return anomalyCorrelation(evaluation, null);
    }

    /** {@code anomalyCorrelation 'name', file: 'my_figure'}. */
    public ChartsBuilder anomalyCorrelation(Map<String, ?> options, String evaluation) {
        return named("anomalyCorrelation", options, evaluation, ChartSpec.AnomalyCorrelation::new);
    }

    public ChartsBuilder anomalyCorrelation(String evaluation, String file) {
        return named("anomalyCorrelation", evaluation, file, ChartSpec.AnomalyCorrelation::new);
    }

    // ---- pdfs ----

    /** PDF of X (pooled over k) of a climate evaluation: truth and each parameterization. */
    public ChartsBuilder pdfs(String evaluation) {
        return pdfs(evaluation, null);
    }

    /** {@code pdfs 'name', file: 'my_figure'}. */
    public ChartsBuilder pdfs(Map<String, ?> options, String evaluation) {
        return named("pdfs", options, evaluation, ChartSpec.Pdfs::new);
    }

    public ChartsBuilder pdfs(String evaluation, String file) {
        return named("pdfs", evaluation, file, ChartSpec.Pdfs::new);
    }

    // ---- autocorrelation ----

    /** Autocorrelation of X_k against lag of a climate evaluation: truth and each parameterization. */
    public ChartsBuilder autocorrelation(String evaluation) {
        return autocorrelation(evaluation, null);
    }

    /** {@code autocorrelation 'name', file: 'my_figure'}. */
    public ChartsBuilder autocorrelation(Map<String, ?> options, String evaluation) {
        return named("autocorrelation", options, evaluation, ChartSpec.Autocorrelation::new);
    }

    public ChartsBuilder autocorrelation(String evaluation, String file) {
        return named("autocorrelation", evaluation, file, ChartSpec.Autocorrelation::new);
    }

    // ---- lrSchedule ----

    /** The learning rate a network trained with, at each iteration. */
    public ChartsBuilder lrSchedule(String network) {
        return lrSchedule(network, null);
    }

    /** {@code lrSchedule 'name', file: 'my_figure'}. */
    public ChartsBuilder lrSchedule(Map<String, ?> options, String network) {
        return named("lrSchedule", options, network, ChartSpec.LrSchedule::new);
    }

    public ChartsBuilder lrSchedule(String network, String file) {
        return named("lrSchedule", network, file, ChartSpec.LrSchedule::new);
    }

    // ---- a chart word without its target ---------------------------------------------------------------------------

    private ChartsBuilder needsTarget(String word, String what, String example) {
        issue(null, word + " needs " + what + ", e.g. " + example, here(word));
        return this;
    }

    /** Refused: predictions draws a network. */
    @RefusedForm
    public ChartsBuilder predictions() {
        return needsTarget("predictions", "a network", "predictions 'ann'");
    }

    /** Refused: trajectories draws a trajectory evaluation. */
    @RefusedForm
    public ChartsBuilder trajectories() {
        return needsTarget("trajectories", "a trajectory evaluation", "trajectories 'T5'");
    }

    /** Refused: activation draws an activation. */
    @RefusedForm
    public ChartsBuilder activation() {
        return needsTarget("activation", "an activation", "activation relu");
    }

    /** Refused: lossCurves draws a network. */
    @RefusedForm
    public ChartsBuilder lossCurves() {
        return needsTarget("lossCurves", "a network", "lossCurves 'ann'");
    }

    /** Refused: hovmoller draws a trajectory evaluation. */
    @RefusedForm
    public ChartsBuilder hovmoller() {
        return needsTarget("hovmoller", "a trajectory evaluation", "hovmoller 'T5'");
    }

    /** Refused: lrRangeTest draws an LR range test. */
    @RefusedForm
    public ChartsBuilder lrRangeTest() {
        return needsTarget("lrRangeTest", "an LR range test", "lrRangeTest 'ann'");
    }

    /** Refused: spreadByLead draws an ensemble forecast evaluation (members 2 or more). */
    @RefusedForm
    public ChartsBuilder spreadByLead() {
        return needsTarget("spreadByLead", "an ensemble forecast evaluation (members 2 or more)", "spreadByLead 'F'");
    }

    /** Refused: crpsByLead draws an ensemble forecast evaluation (members 2 or more). */
    @RefusedForm
    public ChartsBuilder crpsByLead() {
        return needsTarget("crpsByLead", "an ensemble forecast evaluation (members 2 or more)", "crpsByLead 'F'");
    }

    /** Refused: rankHistograms draws an ensemble forecast evaluation with rankLeads. */
    @RefusedForm
    public ChartsBuilder rankHistograms() {
        return needsTarget("rankHistograms", "an ensemble forecast evaluation with rankLeads", "rankHistograms 'F'");
    }

    /** Refused: rmseByLead draws a forecast evaluation. */
    @RefusedForm
    public ChartsBuilder rmseByLead() {
        return needsTarget("rmseByLead", "a forecast evaluation", "rmseByLead 'F'");
    }

    /** Refused: anomalyCorrelation draws a forecast evaluation. */
    @RefusedForm
    public ChartsBuilder anomalyCorrelation() {
        return needsTarget("anomalyCorrelation", "a forecast evaluation", "anomalyCorrelation 'F'");
    }

    /** Refused: pdfs draws a climate evaluation. */
    @RefusedForm
    public ChartsBuilder pdfs() {
        return needsTarget("pdfs", "a climate evaluation", "pdfs 'C'");
    }

    /** Refused: autocorrelation draws a climate evaluation. */
    @RefusedForm
    public ChartsBuilder autocorrelation() {
        return needsTarget("autocorrelation", "a climate evaluation", "autocorrelation 'C'");
    }

    /** Refused: lrSchedule draws a network. */
    @RefusedForm
    public ChartsBuilder lrSchedule() {
        return needsTarget("lrSchedule", "a network", "lrSchedule 'ann'");
    }

    List<ChartSpec> toSpec() {
        Set<String> taken = new HashSet<>();
        for (Pending p : charts) {
            if (p.file() != null) {
                taken.add(p.file());
            }
        }
        List<ChartSpec> specs = new ArrayList<>();
        for (Pending p : charts) {
            String file = p.file();
            if (file == null) {
                String base = p.defaultFile().replaceAll("[^A-Za-z0-9._-]", "_");
                file = base;
                for (int n = 2; taken.contains(file); n++) {
                    file = base + "_" + n;
                }
                taken.add(file);
            }
            specs.add(p.make().apply(file));
        }
        return specs;
    }
}
