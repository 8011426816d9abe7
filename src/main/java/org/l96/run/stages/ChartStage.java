package org.l96.run.stages;

import org.jfree.chart.JFreeChart;
import org.l96.chart.BandSeries;
import org.l96.chart.ChartFiles;
import org.l96.chart.Figures;
import org.l96.chart.SchemeColours;
import org.l96.chart.Series;
import org.l96.data.BatchIterator;
import org.l96.data.Dataset;
import org.l96.data.Npy;
import org.l96.data.Split;
import org.l96.data.TrainingData;
import org.l96.eval.ForecastEvaluation;
import org.l96.eval.ForecastSkill;
import org.l96.eval.RegimeTruth;
import org.l96.nn.Activations;
import org.l96.nn.History;
import org.l96.nn.LrRangeTest;
import org.l96.nn.Seeds;
import org.l96.run.SimulationFiles;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.run.UserError;
import org.l96.spec.ChartSpec;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.Vocabulary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Draws one figure from the outputs of the stages it reads, as {@code <file>.png} and {@code <file>.pdf}. */
public final class ChartStage implements Stage {
    private final ExperimentSpec spec;
    private final ChartSpec chart;

    public ChartStage(ExperimentSpec spec, ChartSpec chart) {
        this.spec = spec;
        this.chart = chart;
    }

    @Override
    public String name() {
        return ChartOutputs.stageName(chart.file());
    }

    @Override
    public List<String> inputs() {
        if (chart instanceof ChartSpec.Predictions p) {
            return List.of(SimulateStage.NAME, TrainStage.nameOf(p.network()));
        } else if (chart instanceof ChartSpec.OfEvaluation e) {
            return List.of(EvaluateStage.nameOf(e.evaluation()));
        } else if (chart instanceof ChartSpec.LossCurves l) {
            return List.of(TrainStage.nameOf(l.network()));
        } else if (chart instanceof ChartSpec.LrRangeTest r) {
            return List.of(LrRangeTestStage.nameOf(r.test()));
        } else if (chart instanceof ChartSpec.BatchScatter) {
            return List.of(SimulateStage.NAME);
        } else if (chart instanceof ChartSpec.LrSchedule l) {
            return List.of(TrainStage.nameOf(l.network()));
        } else if (chart instanceof ChartSpec.LossComparison l) {
            return l.networks().stream().map(TrainStage::nameOf).toList();
        } else if (chart instanceof ChartSpec.CouplingScatter c) {
            List<String> in = new ArrayList<>(List.of(SimulateStage.NAME));
            c.polynomials().forEach(p -> in.add(PolynomialStage.nameOf(p)));
            return in;
        }
        return List.of();
    }

    @Override
    public Object keyMaterial() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chart", chart);
        // figures drawn before diverged losses and unstable schemes were marked on them are drawn again
        // ... and before each scheme had one colour across the run's figures (format 3)
        m.put("figureFormat", 3);
        if (usesSchemeColours(chart)) {
            m.put("colours", colours(spec).names()); // a scheme declared or removed moves the others' colours
        }
        if (chart instanceof ChartSpec.BatchScatter b) {
            m.put("seed", spec.seed());
            m.put("data", spec.data());
            m.put("network", b.network() == null ? null : spec.networks().get(b.network()));
        }
        if (chart instanceof ChartSpec.Predictions || chart instanceof ChartSpec.CouplingScatter) {
            m.put("data", spec.data());
        }
        if (chart instanceof ChartSpec.OfEvaluation e) {
            m.put("evaluation", spec.evaluations().get(e.evaluation()));
        }
        return m;
    }

    @Override
    public Map<String, String> keyMaterialPaths() {
        Map<String, String> paths = new LinkedHashMap<>(Map.of("chart", "charts." + spec.charts().indexOf(chart),
                "seed", "seed", "data", "data"));
        if (chart instanceof ChartSpec.BatchScatter b && b.network() != null) {
            paths.put("network", "networks." + b.network());
        }
        if (chart instanceof ChartSpec.OfEvaluation e) {
            paths.put("evaluation", "evaluations." + e.evaluation());
        }
        return paths;
    }

    @Override
    public void prepare() throws Exception {
        org.l96.chart.ChartFiles.warmUp();
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        ChartFiles.write(draw(ctx), ctx.dir().resolve(chart.file()));
    }

    /** The figure, from the outputs of the stages it reads (which {@code ctx} gives), not yet written. */
    public JFreeChart draw(StageContext ctx) throws Exception {
        JFreeChart figure;
        if (chart instanceof ChartSpec.BatchScatter b) {
            figure = batchScatter(ctx, b);
        } else if (chart instanceof ChartSpec.Predictions p) {
            figure = predictions(ctx, p);
        } else if (chart instanceof ChartSpec.Trajectories t) {
            figure = trajectories(ctx, t);
        } else if (chart instanceof ChartSpec.Activation a) {
            figure = Figures.function(a.activation(), "x", a.activation() + "(x)", a.from(), a.to(),
                    Activations.function(a.activation()));
        } else if (chart instanceof ChartSpec.LossCurves l) {
            Path dir = ctx.input(TrainStage.nameOf(l.network()));
            History h = History.read(dir.resolve(TrainOutputs.HISTORY));
            org.l96.spec.TrainSpec t = spec.networks().get(l.network()).train();
            figure = Figures.lossCurves((t != null && t.isRollout() ? "Rollout loss per epoch (windows of " + t.rollout()
                    + " steps): " : "Loss per epoch: ") + l.network(), h.trainLosses(), h.valLosses(),
                    h.epochs().isEmpty() && spec.networks().get(l.network()).isLoaded()
                            ? "No training history: loaded from " + spec.networks().get(l.network()).load()
                            + " without the history.json of the run that trained it" : divergenceNote(h),
                    restoredEpoch(dir, l.network(), h), l.logScale());
        } else if (chart instanceof ChartSpec.LossComparison l) {
            figure = lossComparison(ctx, l);
        } else if (chart instanceof ChartSpec.CouplingScatter c) {
            figure = couplingScatter(ctx, c);
        } else if (chart instanceof ChartSpec.Hovmoller hm) {
            figure = hovmoller(ctx, hm);
        } else if (chart instanceof ChartSpec.LrRangeTest r) {
            LrRangeTest.Result res = LrRangeTest.Result.read(
                    ctx.input(LrRangeTestStage.nameOf(r.test())).resolve(LrRangeTestOutputs.RESULT));
            figure = Figures.lrRangeTest("Learning-rate range test: " + r.test(), toArray(res.lrs()),
                    toArray(res.losses()), Double.isNaN(res.suggestedLr()) ? null : res.suggestedLr());
        } else if (chart instanceof ChartSpec.RmseByLead r) {
            figure = forecastCurves(ctx, r.evaluation(), EvaluationOutputs.FORECAST_RMSE, "RMSE / σ_X", "Forecast error against lead time");
            // where the valid prediction time ends
            figure.getXYPlot().addRangeMarker(new org.jfree.chart.plot.ValueMarker(ForecastSkill.VPT_THRESHOLD,
                    java.awt.Color.GRAY, new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
                    java.awt.BasicStroke.JOIN_MITER, 10f, new float[]{5f, 4f}, 0f)));
        } else if (chart instanceof ChartSpec.SpreadByLead r) {
            figure = ensembleCurves(ctx, r.evaluation(), true);
        } else if (chart instanceof ChartSpec.CrpsByLead r) {
            figure = ensembleCurves(ctx, r.evaluation(), false);
        } else if (chart instanceof ChartSpec.RankHistograms r) {
            figure = rankHistograms(ctx, r.evaluation());
        } else if (chart instanceof ChartSpec.AnomalyCorrelation a) {
            figure = forecastCurves(ctx, a.evaluation(), EvaluationOutputs.FORECAST_ACC, "Anomaly correlation",
                    "Anomaly correlation against lead time");
        } else if (chart instanceof ChartSpec.Pdfs p) {
            figure = Figures.histogramPdfs("PDF of X (" + where(p.evaluation()) + ")", "X",
                    climateCurves(ctx, p.evaluation(), true));
        } else if (chart instanceof ChartSpec.Autocorrelation a) {
            figure = Figures.autocorrelation("Autocorrelation of X_k (" + where(a.evaluation()) + ")",
                    "Lag (model time units)", climateCurves(ctx, a.evaluation(), false));
        } else if (chart instanceof ChartSpec.LrSchedule l) {
            History h = History.read(ctx.input(TrainStage.nameOf(l.network())).resolve(TrainOutputs.HISTORY));
            if (h.iterationLr().isEmpty()) {
                throw new UserError("network '" + l.network() + "' recorded no learning rates (it trained no batch)");
            }
            figure = Figures.lrSchedule("Learning rate per iteration: " + l.network(), toArray(h.iterationLr()));
        } else {
            throw new IllegalStateException("no drawing for " + chart);
        }
        return figure;
    }

    /**
     * The colour of every scheme of the run, the same in all its figures and its sweep's: the truth first (so it
     * is the palette's first colour, matplotlib's blue, in every run, as the notebook draws it), then {@code none},
     * the polynomials, the networks (each in declaration order), the second truth run and the ceiling.
     */
    public static SchemeColours colours(ExperimentSpec spec) {
        return SchemeColours.inOrder(List.of(TRUTH, Vocabulary.NONE), List.copyOf(spec.polynomials().keySet()),
                List.copyOf(spec.networks().keySet()), List.of(EvaluationOutputs.TruthRun.TRUTH_AGAIN.id,
                        Vocabulary.CEILING));
    }

    /** The name of the real world's runs in {@link #colours}. */
    public static final String TRUTH = EvaluationOutputs.TruthRun.TRUTH.id;

    /** Charts whose lines are schemes (and so take the run's scheme colours). */
    static boolean usesSchemeColours(ChartSpec c) {
        return c instanceof ChartSpec.Predictions || c instanceof ChartSpec.Trajectories
                || c instanceof ChartSpec.RmseByLead || c instanceof ChartSpec.AnomalyCorrelation
                || c instanceof ChartSpec.SpreadByLead || c instanceof ChartSpec.CrpsByLead
                || c instanceof ChartSpec.RankHistograms || c instanceof ChartSpec.Pdfs
                || c instanceof ChartSpec.Autocorrelation || c instanceof ChartSpec.LossComparison
                || c instanceof ChartSpec.CouplingScatter;
    }

    private int colour(String scheme) {
        return colours(spec).of(scheme);
    }

    /**
     * The epoch (1-based position in the history) whose weights the network ended with when early stopping or a
     * stop restored an earlier one than the last, else null.
     */
    static Integer restoredEpoch(Path trainDir, String network, History h) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode m = TrainOutputs.metrics(trainDir, network);
        if (!m.path(TrainOutputs.RESTORED_BEST).asBoolean(false) || !m.path(TrainOutputs.KEPT_EPOCH).isNumber()) {
            return null;
        }
        int kept = m.path(TrainOutputs.KEPT_EPOCH).asInt();
        for (int i = 0; i < h.epochs().size(); i++) {
            if (h.epochs().get(i).epoch() == kept) {
                return i + 1;
            }
        }
        return kept;
    }

    /** Several networks' losses, each in its scheme colour, restored epochs marked. */
    private JFreeChart lossComparison(StageContext ctx, ChartSpec.LossComparison l) throws Exception {
        List<Figures.LossRun> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String n : l.networks()) {
            Path dir = ctx.input(TrainStage.nameOf(n));
            History h = History.read(dir.resolve(TrainOutputs.HISTORY));
            runs.add(new Figures.LossRun(n, h.trainLosses(), h.valLosses(), colour(n), restoredEpoch(dir, n, h)));
            String why = divergenceNote(h);
            if (why != null) {
                notes.add(n + ": " + why);
            }
        }
        JFreeChart figure = Figures.lossComparison("Loss per epoch: " + String.join(", ", l.networks()), runs,
                l.logScale());
        if (!notes.isEmpty()) {
            Figures.note(figure, String.join("; ", notes));
        }
        return figure;
    }

    /**
     * The coupling term against X on points spread evenly over the training segment's (X_k, U_k) pairs, with each
     * polynomial's curve over the range of X: the fitted polynomials' standard figure (Arnold et al. 2013, fig. 2).
     */
    private JFreeChart couplingScatter(StageContext ctx, ChartSpec.CouplingScatter c) throws Exception {
        SimulationFiles.Loaded sim = StageInputs.simulation(ctx, false);
        Split split = Split.of(sim.pairRows(), spec.data());
        // row 0 of the seed target is a placeholder (zeros), not a pair: leave it out
        int first = Math.min(spec.simulation().firstTargetRow() * sim.k(), split.trainRows() * sim.k());
        int pairs = split.trainRows() * sim.k() - first;
        int n = Math.min(c.samples(), pairs);
        double[] x = new double[n];
        double[] u = new double[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int at = first + (int) ((long) i * pairs / n);
            x[i] = sim.x()[at];
            u[i] = sim.coupling()[at];
            lo = Math.min(lo, x[i]);
            hi = Math.max(hi, x[i]);
        }
        List<Series> series = new ArrayList<>();
        series.add(new Series("Truth: coupling term of X_k (" + n + " training pairs)", x, u, Series.Style.POINTS,
                colour(TRUTH)));
        for (String p : c.polynomials()) {
            com.fasterxml.jackson.databind.JsonNode m = org.l96.run.StageRecord.metricsIn(
                    ctx.input(PolynomialStage.nameOf(p))).path(PolynomialOutputs.metricPath(p))
                    .path(PolynomialOutputs.COEFFICIENTS);
            double[] ascending = new double[m.size()];
            for (int i = 0; i < ascending.length; i++) {
                ascending[i] = m.get(i).asDouble();
            }
            int points = 201;
            double[] px = new double[points];
            double[] py = new double[points];
            for (int i = 0; i < points; i++) {
                px[i] = lo + (hi - lo) * i / (points - 1);
                py[i] = horner(ascending, px[i]);
            }
            series.add(new Series("Polynomial " + p + ": " + formula(ascending), px, py, Series.Style.LINE,
                    colour(p)));
        }
        return Figures.lines("Coupling term against X (training segment)", "X_k", "Coupling term U_k", series);
    }

    /** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, …, 21st, 22nd, 101st, 111th. */
    static String ordinal(int n) {
        int last2 = Math.floorMod(n, 100);
        String suffix = last2 >= 11 && last2 <= 13 ? "th" : switch (Math.floorMod(n, 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** c0 + c1 x + c2 x² + … for coefficients in ascending powers. */
    static double horner(double[] ascending, double x) {
        double y = 0;
        for (int i = ascending.length - 1; i >= 0; i--) {
            y = y * x + ascending[i];
        }
        return y;
    }

    /** "0.341 − 1.3 X + 0.0212 X² …" with four significant digits. */
    static String formula(double[] ascending) {
        StringBuilder f = new StringBuilder();
        for (int i = 0; i < ascending.length; i++) {
            double c = ascending[i];
            String v = org.l96.run.Findings.num(Math.abs(c));
            String power = i == 0 ? "" : i == 1 ? " X" : " X" + superscript(i);
            if (f.length() == 0) {
                f.append(c < 0 ? "−" : "").append(v).append(power);
            } else {
                f.append(c < 0 ? " − " : " + ").append(v).append(power);
            }
        }
        return f.toString();
    }

    private static String superscript(int n) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder b = new StringBuilder();
        for (char ch : Integer.toString(n).toCharArray()) {
            b.append(digits.charAt(ch - '0'));
        }
        return b.toString();
    }

    /** X_k against k and time: the truth above the coarse model with the chosen scheme, one colour scale. */
    private JFreeChart hovmoller(StageContext ctx, ChartSpec.Hovmoller hm) throws Exception {
        Path dir = ctx.input(EvaluateStage.nameOf(hm.evaluation()));
        EvaluationSpec.Trajectory t = (EvaluationSpec.Trajectory) spec.evaluations().get(hm.evaluation());
        String scheme = hm.scheme() != null ? hm.scheme() : t.compare().get(0);
        double[] time = Npy.read(dir.resolve(EvaluationOutputs.TIME)).data();
        int rows = hm.steps() == null ? time.length
                : rowsOfSteps(hm.steps(), t, spec.simulation().sampleInterval(), time.length);
        Npy.Array truth = Npy.read(dir.resolve(EvaluationOutputs.TRUTH));
        Npy.Array run = Npy.read(EvaluationOutputs.trajectory(dir, scheme));
        int k = truth.columns();
        double[] ks = new double[k];
        for (int i = 0; i < k; i++) {
            ks[i] = i;
        }
        String label = label(scheme);
        int stride = (rows + HOVMOLLER_COLUMNS - 1) / HOVMOLLER_COLUMNS;
        int columns = (rows + stride - 1) / stride;
        double[] times = new double[columns];
        for (int c = 0; c < columns; c++) {
            times[c] = time[c * stride];
        }
        JFreeChart figure = Figures.hovmoller("Hovmöller diagram of X (" + where(hm.evaluation()) + ")",
                "Time (model time units)", "k", times, ks, List.of(Map.entry("Two-scale truth", grid(truth, rows, stride)),
                        Map.entry(label + unstable(ctx, hm.evaluation(), scheme), grid(run, rows, stride))), "X_k");
        if (stride > 1) {
            Figures.note(figure, "every " + ordinal(stride) + " stored sample of " + rows + " drawn");
        }
        return figure;
    }

    /** A Hovmöller chart draws at most this many times: a longer run every n-th sample (a light PDF). */
    static final int HOVMOLLER_COLUMNS = 2000;

    /** {@code z[k][c]} of a rows × K array: rows 0, stride, 2·stride, … below {@code rows}. */
    static double[][] grid(Npy.Array a, int rows, int stride) {
        int k = a.columns();
        int columns = (rows + stride - 1) / stride;
        double[][] z = new double[k][columns];
        for (int c = 0; c < columns; c++) {
            for (int i = 0; i < k; i++) {
                z[i][c] = a.data()[c * stride * k + i];
            }
        }
        return z;
    }

    /** "Diverged at epoch 3: training loss NaN (not drawn from there)" for a loss that stopped being finite. */
    static String divergenceNote(History h) {
        for (History.Epoch e : h.epochs()) {
            boolean train = !Double.isFinite(e.trainLoss());
            // a validation loss that is NaN throughout means no validation data, not divergence
            boolean val = !Double.isFinite(e.valLoss()) && h.epochs().stream().anyMatch(x -> !Double.isNaN(x.valLoss()));
            if (train || val) {
                return "Diverged at epoch " + e.epoch() + ": " + (train ? "training loss " + e.trainLoss()
                        : "validation loss " + e.valLoss()) + (e.epoch() == 1 ? " (no finite loss to draw)"
                        : " (not drawn from there)");
            }
        }
        return null;
    }

    /** One shuffled training batch as the network's first epoch sees it: state against subgrid tendency. */
    private JFreeChart batchScatter(StageContext ctx, ChartSpec.BatchScatter b) {
        NetworkSpec n = b.network() == null ? null : spec.networks().get(b.network());
        boolean local = n == null || n.isLocal();
        TrainingData data = StageInputs.trainingData(ctx, local);
        int batchSize = n != null && n.train() != null && n.train().batchSize() != null ? n.train().batchSize() : data.batchSize();
        long seed = StageInputs.seedOf(spec, b.network() == null ? "batch" : b.network());
        BatchIterator batches = new BatchIterator(data.train(), batchSize, data.shuffle(),
                Seeds.derive(seed, Seeds.SHUFFLE));
        batches.startEpoch();
        int[] order = batches.order();
        Dataset train = data.train();
        int count = Math.min(batchSize, order.length);
        double[] x = new double[count * train.nIn()];
        double[] y = new double[count * train.nOut()];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < train.nIn(); c++) {
                x[i * train.nIn() + c] = train.inputs()[order[i] * train.nIn() + c];
                y[i * train.nOut() + c] = train.targets()[order[i] * train.nOut() + c];
            }
        }
        return Figures.scatter("One training batch (" + count + " samples)", "State X", "Subgrid tendency", x, y);
    }

    /** A network's prediction of one X_k's coupling term over the first validation samples, with the truth. */
    private JFreeChart predictions(StageContext ctx, ChartSpec.Predictions p) throws Exception {
        Npy.Array pred = Npy.read(ctx.input(TrainStage.nameOf(p.network())).resolve(TrainOutputs.PREDICTIONS));
        SimulationFiles.Loaded sim = StageInputs.simulation(ctx, false);
        Split split = Split.of(sim.pairRows(), spec.data());
        int k = sim.k();
        // a network that sees earlier samples has none for the validation rows whose history is in training
        NetworkSpec net = spec.networks().get(p.network());
        int first = net == null ? split.validationStart()
                : org.l96.data.Features.firstRow(net.inputLayout(), split.validationStart());
        int n = Math.min(p.samples(), pred.rows());
        double[] index = new double[n];
        double[] predicted = new double[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            predicted[i] = pred.data()[i * k + p.variable()];
            truth[i] = sim.coupling()[(first + i) * k + p.variable()];
        }
        int finite = (int) java.util.Arrays.stream(predicted).filter(Double::isFinite).count();
        if (finite < n) {
            // a diverged network: draw the truth and what is finite, and say why the rest is missing
            double[] fx = new double[finite];
            double[] fy = new double[finite];
            for (int i = 0, j = 0; i < n; i++) {
                if (Double.isFinite(predicted[i])) {
                    fx[j] = index[i];
                    fy[j++] = predicted[i];
                }
            }
            index = fx;
            predicted = fy;
        }
        JFreeChart figure = Figures.lines(p.network() + ": subgrid tendency of X_" + p.variable() + " (validation)",
                "Validation sample", "Subgrid tendency", List.of(
                        new Series("Predicted (" + p.network() + ")", index, predicted, Series.Style.LINE,
                                colour(p.network())),
                        new Series("True", truthIndex(n), truth, Series.Style.LINE, colour(TRUTH))));
        if (finite < n) {
            Figures.note(figure, (n - finite) + " of " + n + " predictions are not finite (not drawn): the training of '"
                    + p.network() + "' diverged");
        }
        return figure;
    }

    /** X_k of the real world and of the coarse model with each parameterization. */
    private JFreeChart trajectories(StageContext ctx, ChartSpec.Trajectories t) throws Exception {
        Path dir = ctx.input(EvaluateStage.nameOf(t.evaluation()));
        double[] time = Npy.read(dir.resolve(EvaluationOutputs.TIME)).data();
        int steps = rowsOfSteps(t.steps(), (EvaluationSpec.Trajectory) spec.evaluations().get(t.evaluation()),
                spec.simulation().sampleInterval(), time.length);
        List<Series> series = new ArrayList<>();
        series.add(new Series("Two-scale truth", head(time, steps), column(Npy.read(dir.resolve(EvaluationOutputs.TRUTH)),
                t.variable(), steps), Series.Style.LINE, colour(TRUTH)));
        EvaluationSpec e = spec.evaluations().get(t.evaluation());
        for (String param : e.compare()) {
            boolean network = spec.networks().containsKey(param);
            String label = Vocabulary.NONE.equals(param) ? "No parameterization"
                    : (network ? "Network " : "Polynomial ") + param;
            series.add(new Series(label + unstable(ctx, t.evaluation(), param), head(time, steps),
                    column(Npy.read(EvaluationOutputs.trajectory(dir, param)),
                    t.variable(), steps), network ? Series.Style.POINTS : Series.Style.LINE, colour(param)));
        }
        return Figures.lines("X_" + t.variable() + ": real world and coarse model (" + where(t.evaluation()) + ")",
                "Time (model time units)", "X_" + t.variable(), series);
    }

    /**
     * How many stored rows (one per sample interval, from t = 0) the first {@code steps} coarse steps of dt span:
     * the rows at t < steps·dt. Steps beyond the run are refused by the validator; here they would be a bug.
     */
    static int rowsOfSteps(int steps, EvaluationSpec.Trajectory t, double sampleInterval, int rows) {
        double dt = t.dt() != null ? t.dt() : sampleInterval;
        int n = (int) Math.ceil(steps * dt / sampleInterval - 1e-9);
        if (n > rows) {
            throw new IllegalStateException(steps + " steps of dt " + dt + " need " + n + " rows, the run has " + rows);
        }
        return Math.max(1, n);
    }

    /**
     * " (unstable at t = 0.09)" for a scheme that blew up in the evaluation (" (unstable: 30% of runs, first at
     * t = …)" when only some runs did), from the evaluation's recorded metrics; else nothing.
     */
    private static String unstable(StageContext ctx, String evaluation, String scheme) {
        try {
            com.fasterxml.jackson.databind.JsonNode m = EvaluationOutputs.metrics(
                    ctx.input(EvaluateStage.nameOf(evaluation)), evaluation, scheme);
            if (!m.path(EvaluationOutputs.UNSTABLE_AT).isNumber()) {
                return "";
            }
            String at = "t = " + org.l96.run.Findings.num(m.path(EvaluationOutputs.UNSTABLE_AT).asDouble());
            double fraction = m.path(EvaluationOutputs.UNSTABLE_FRACTION).asDouble(1.0);
            return fraction < 1.0 ? " (unstable: " + Math.round(100 * fraction) + "% of runs, first at " + at + ")"
                    : " (unstable at " + at + ")";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** "skill, F = 24" for an evaluation in another regime (see EvaluationSpec#forcing), else its name. */
    private String where(String evaluation) {
        EvaluationSpec e = spec.evaluations().get(evaluation);
        return RegimeTruth.shifts(e, spec.world().forcing()) ? evaluation + ", F = " + e.forcing() : evaluation;
    }

    private String label(String scheme) {
        if (Vocabulary.NONE.equals(scheme)) {
            return "No parameterization";
        } else if (Vocabulary.CEILING.equals(scheme)) {
            return "Ceiling: two-scale model, fresh Y";
        }
        return (spec.networks().containsKey(scheme) ? "Network " : "Polynomial ") + scheme;
    }

    /** One curve with its 95% band per scheme, from columns {@code column..column+2} of its forecast table. */
    private JFreeChart forecastCurves(StageContext ctx, String evaluation, int column, String yLabel, String title)
            throws Exception {
        Path dir = ctx.input(EvaluateStage.nameOf(evaluation));
        double[] lead = Npy.read(dir.resolve(EvaluationOutputs.LEAD)).data();
        EvaluationSpec.Forecast f = (EvaluationSpec.Forecast) spec.evaluations().get(evaluation);
        List<BandSeries> bands = new ArrayList<>();
        for (String scheme : ForecastEvaluation.schemes(f)) {
            Npy.Array a = Npy.read(EvaluationOutputs.forecast(dir, scheme));
            bands.add(new BandSeries(label(scheme) + unstable(ctx, evaluation, scheme), lead,
                    column(a, column, lead.length),
                    column(a, column + 1, lead.length), column(a, column + 2, lead.length), colour(scheme)));
        }
        return Figures.withBand(title + " (" + where(evaluation) + ", " + f.initialConditions()
                + " initial conditions, 95% bootstrap bands)", "Lead time (model time units)", yLabel, bands);
    }

    /** The schemes of a forecast that have ensemble scores (all but the ceiling). */
    private static List<String> ensembleSchemes(EvaluationSpec.Forecast f) {
        return ForecastEvaluation.schemes(f).stream().filter(s -> !org.l96.spec.Vocabulary.CEILING.equals(s)).toList();
    }

    /**
     * An ensemble forecast's curves: ensemble-mean RMSE with its band and the spread as a band-less line of the
     * same scheme ({@code spread}), or the CRPS with its band.
     */
    private JFreeChart ensembleCurves(StageContext ctx, String evaluation, boolean spread) throws Exception {
        Path dir = ctx.input(EvaluateStage.nameOf(evaluation));
        double[] lead = Npy.read(dir.resolve(EvaluationOutputs.LEAD)).data();
        EvaluationSpec.Forecast f = (EvaluationSpec.Forecast) spec.evaluations().get(evaluation);
        List<BandSeries> bands = new ArrayList<>();
        for (String scheme : ensembleSchemes(f)) {
            Npy.Array a = Npy.read(EvaluationOutputs.ensemble(dir, scheme));
            int c = spread ? 0 : 7; // columns of EvaluationOutputs.ensemble: RMSE 0..2, spread 3..5, CRPS 7..9
            bands.add(new BandSeries(label(scheme) + (spread ? " RMSE" : "") + unstable(ctx, evaluation, scheme),
                    lead, column(a, c, lead.length), column(a, c + 1, lead.length), column(a, c + 2, lead.length),
                    colour(scheme)));
            if (spread) {
                // the spread dashed in the scheme's colour, beside its solid error
                bands.add(new BandSeries(label(scheme) + " spread", lead, column(a, 3, lead.length),
                        column(a, 4, lead.length), column(a, 5, lead.length), colour(scheme), true));
            }
        }
        return Figures.withBand((spread ? "Ensemble-mean RMSE and spread" : "CRPS") + " against lead time ("
                + where(evaluation) + ", " + f.initialConditions() + " initial conditions × " + f.membersOrOne()
                + " members, 95% bootstrap bands)", "Lead time (model time units)", spread ? "X units" : "CRPS",
                bands);
    }

    /** Relative frequency of each rank of the truth among the members, per scheme and rank lead. */
    private JFreeChart rankHistograms(StageContext ctx, String evaluation) throws Exception {
        Path dir = ctx.input(EvaluateStage.nameOf(evaluation));
        EvaluationSpec.Forecast f = (EvaluationSpec.Forecast) spec.evaluations().get(evaluation);
        int w = f.membersOrOne() + 1;
        double[] rank = new double[w];
        for (int r = 0; r < w; r++) {
            rank[r] = r;
        }
        List<Series> series = new ArrayList<>();
        for (String scheme : ensembleSchemes(f)) {
            Npy.Array a = Npy.read(EvaluationOutputs.ranks(dir, scheme));
            double[] v = a.data();
            for (int l = 0; l < f.rankLeadsOrNone().size(); l++) {
                double total = 0;
                for (int r = 0; r < w; r++) {
                    total += v[(l + 1) * w + r];
                }
                double[] freq = new double[w];
                for (int r = 0; r < w; r++) {
                    freq[r] = total > 0 ? v[(l + 1) * w + r] / total * w : Double.NaN;
                }
                // each scheme in its colour; its rank leads told apart by the line's style
                Series.Style[] styles = {Series.Style.LINE, Series.Style.DASHED, Series.Style.LINE_AND_POINTS};
                series.add(new Series(label(scheme) + " at lead " + org.l96.run.Findings.num(f.rankLeadsOrNone()
                        .get(l)) + unstable(ctx, evaluation, scheme), rank, freq, styles[l % styles.length],
                        colour(scheme)));
            }
        }
        return Figures.lines("Rank histograms (" + where(evaluation) + "; 1 = flat, a reliable ensemble)",
                "Rank of the truth among the members", "Frequency × (members + 1)", series);
    }

    /**
     * Truth, the second truth run and each parameterization: densities against the bin centres ({@code pdf}) or
     * autocorrelations against the lags.
     */
    private List<Series> climateCurves(StageContext ctx, String evaluation, boolean pdf) throws Exception {
        Path dir = ctx.input(EvaluateStage.nameOf(evaluation));
        double[] x = Npy.read(dir.resolve(pdf ? EvaluationOutputs.PDF_BINS : EvaluationOutputs.ACF_LAGS)).data();
        List<Series> series = new ArrayList<>();
        series.add(new Series("Two-scale truth", x, Npy.read(pdf
                ? EvaluationOutputs.truthPdf(dir, EvaluationOutputs.TruthRun.TRUTH)
                : EvaluationOutputs.truthAcf(dir, EvaluationOutputs.TruthRun.TRUTH)).data(),
                Series.Style.LINE, colour(TRUTH)));
        series.add(new Series("Second truth run (noise floor)", x, Npy.read(pdf
                ? EvaluationOutputs.truthPdf(dir, EvaluationOutputs.TruthRun.TRUTH_AGAIN)
                : EvaluationOutputs.truthAcf(dir, EvaluationOutputs.TruthRun.TRUTH_AGAIN)).data(),
                Series.Style.LINE, colour(EvaluationOutputs.TruthRun.TRUTH_AGAIN.id)));
        for (String run : spec.evaluations().get(evaluation).compare()) {
            series.add(new Series(label(run) + unstable(ctx, evaluation, run), x,
                    Npy.read(pdf ? EvaluationOutputs.pdf(dir, run) : EvaluationOutputs.acf(dir, run)).data(),
                    Series.Style.LINE, colour(run)));
        }
        return series;
    }

    private static double[] column(Npy.Array a, int col, int rows) {
        double[] out = new double[rows];
        int width = a.columns();
        for (int i = 0; i < rows; i++) {
            out[i] = a.data()[i * width + col];
        }
        return out;
    }

    private static double[] truthIndex(int n) {
        double[] index = new double[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        return index;
    }

    private static double[] head(double[] a, int n) {
        return java.util.Arrays.copyOf(a, n);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
