package org.l96.run.stages;

import org.l96.data.Npy;
import org.l96.data.TrainingData;
import org.l96.nn.Metrics;
import org.l96.run.ExternalInputs;
import org.l96.nn.TrainedNetwork;
import org.l96.nn.Trainer;
import org.l96.nn.TrainingListener;
import org.l96.run.Stage;
import org.l96.run.SimulationFiles;
import org.l96.run.StageContext;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.NetworkSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one network. Writes {@code model.zip} (DL4J, with optimizer state, loadable for more training),
 * {@code history.json}, {@code metrics.json}, {@code weights.npz} (the weights as PyTorch state-dict arrays) and
 * {@code predictions.npy}: the trained network on the validation rows, as rows × K like the coupling term, for
 * charts that must not load DL4J. Its metrics add the loss on the test segment and the offline scores
 * ({@link OfflineOutputs}).
 */
public final class TrainStage implements Stage {
    // what it writes is TrainOutputs'
    public static final String PREFIX = TrainOutputs.PREFIX;
    public static final String MODEL = TrainOutputs.MODEL;
    public static final String HISTORY = TrainOutputs.HISTORY;
    public static final String METRICS = TrainOutputs.METRICS;
    public static final String PREDICTIONS = TrainOutputs.PREDICTIONS;

    /** Version of what the stage writes; raised when it writes more, so older stored trainings are not reused. */
    static final int OUTPUTS_FORMAT = 2;

    private final ExperimentSpec spec;
    private final String network;

    public TrainStage(ExperimentSpec spec, String network) {
        this.spec = spec;
        this.network = network;
    }

    public static String nameOf(String network) {
        return TrainOutputs.stageName(network);
    }

    @Override
    public String name() {
        return nameOf(network);
    }

    @Override
    public List<String> inputs() {
        List<String> in = new ArrayList<>(List.of(SimulateStage.NAME));
        String base = StageInputs.network(spec, network).continueFrom();
        if (base != null) {
            in.add(nameOf(base));
        }
        return in;
    }

    @Override
    public Object keyMaterial() {
        Map<String, Object> m = new LinkedHashMap<>();
        NetworkSpec n = StageInputs.network(spec, network);
        if (n.isLoaded()) {
            // the file's content, not where it lies nor its name: a moved or renamed file is reused
            m.put("network", network);
            m.put("spec", n.withLoad("model"));
            m.put("model", ExternalInputs.sha256(Path.of(n.load())));
            m.put("data", spec.data());
            m.put("outputsFormat", OUTPUTS_FORMAT);
            return m;
        }
        m.put("seed", spec.seed());
        m.put("network", network);
        m.put("spec", StageInputs.network(spec, network));
        m.put("data", spec.data());
        m.put("semantics", org.l96.nn.Trainer.SEMANTICS);
        if (StageInputs.network(spec, network).train().isRollout()) {
            m.put("rolloutSemantics", org.l96.nn.Trainer.ROLLOUT_SEMANTICS);
        }
        // results stored before weights.npz, testLoss and the offline scores were written must not be reused
        m.put("outputsFormat", OUTPUTS_FORMAT);
        return m;
    }

    @Override
    public Map<String, String> keyMaterialPaths() {
        if (StageInputs.network(spec, network).isLoaded()) {
            return Map.of("spec", "networks." + network, "model", "networks." + network + ".load", "data", "data");
        }
        return Map.of("seed", "seed", "spec", "networks." + network, "data", "data");
    }

    /** Ctrl-C during training keeps the best network so far (the trainer restores it when stopped). */
    @Override
    public boolean keepsInterruptedOutput() {
        return true;
    }

    @Override
    public void prepare() {
        org.l96.nn.Nd4jSetup.warmUp();
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        NetworkSpec n = StageInputs.network(spec, network);
        TrainingData data = StageInputs.trainingData(ctx, n.inputLayout());
        if (n.isLoaded()) {
            bringIn(ctx, n, data);
            return;
        }
        TrainedNetwork base = null;
        if (n.continueFrom() != null) {
            Path dir = ctx.input(nameOf(n.continueFrom()));
            NetworkSpec baseSpec = StageInputs.network(spec, n.continueFrom());
            // a loaded network's optimizer is the one saved in its file (not in this spec): its state carries over
            // whenever the updater's type matches
            base = TrainedNetwork.load(n.continueFrom(), baseSpec.isLoaded() ? null : baseSpec,
                    dir.resolve(MODEL), dir.resolve(HISTORY), dir.resolve(METRICS));
            if (!base.hasFiniteWeights()) {
                // nothing trains out of NaN weights: every epoch would "diverge at epoch 1" again
                throw new org.l96.run.UserError("network '" + network + "' continues '" + n.continueFrom()
                        + "', whose weights are not finite (its training diverged"
                        + (base.metrics().epochs() > 0 ? ", in " + base.metrics().epochs() + " epoch"
                        + (base.metrics().epochs() == 1 ? "" : "s") : "") + "): there is nothing to continue; make '"
                        + n.continueFrom() + "' train without diverging first (a lower learning rate"
                        + (StageInputs.network(spec, n.continueFrom()).train().isRollout() ? ", shorter windows" : "")
                        + ")");
            }
        }
        int epochs = n.train().epochs();
        EpochLines listener = new EpochLines(ctx, epochs);
        org.l96.nn.RolloutData rollout = n.train().isRollout() ? rolloutData(ctx, n, data) : null;
        TrainedNetwork trained;
        try {
            trained = new Trainer().train(network, n, data, StageInputs.seedOf(spec, network), base, listener,
                    rollout);
        } catch (IllegalArgumentException e) {
            if (rollout == null) {
                throw e;
            }
            // what the validator cannot see (a layer the rollout engine refuses): the user's to change
            throw new org.l96.run.UserError("network '" + network + "': " + e.getMessage(), e);
        } finally {
            listener.finish();
        }
        trained.save(ctx.dir().resolve(MODEL));
        trained.writeHistory(ctx.dir().resolve(HISTORY));
        trained.writeMetrics(ctx.dir().resolve(METRICS));
        int batchSize = n.train().batchSize() != null ? n.train().batchSize() : data.batchSize();
        double keptLoss = rollout != null
                ? Trainer.rolloutLoss(trained.network(), n, rollout, rollout.validation())
                : Trainer.evaluate(trained.network(), data.validation(), batchSize, n.loss());
        Map<String, Object> m = outcome(trained.metrics(), trained.history(), n, keptLoss,
                data.validation().size() > 0);
        scores(ctx, trained, n, data, batchSize, rollout, m);
        trained.metrics().write(ctx.dir().resolve(METRICS), m); // with the kept epoch and the other outcomes
        String noTest = noTestWindow(n, rollout, data.split().testRows());
        if (noTest != null) {
            ctx.warn("network '" + network + "': " + noTest);
        }
        if (m.get(DIVERGENCE) != null) {
            ctx.warn(m.get(DIVERGENCE) + (trained.metrics().bestEpoch() > 0
                    ? "; the weights of epoch " + m.get(TrainOutputs.KEPT_EPOCH) + " are kept"
                    : "; its weights are not finite"));
        }
    }

    /**
     * The training's progress: an epoch line when {@link org.l96.run.ProgressReporter.Task#due} says so (the first
     * epoch, the last, and about once a second in a log; the bar's message on a terminal), and after training the last
     * epoch that ran when it has no line yet (early stopping, Ctrl-C). Every epoch is in history.json.
     */
    private static final class EpochLines implements TrainingListener {
        private final StageContext ctx;
        private final int epochs;
        private int last;
        private double lastTrain;
        private double lastVal;
        private int shown;

        EpochLines(StageContext ctx, int epochs) {
            this.ctx = ctx;
            this.epochs = epochs;
        }

        @Override
        public void onEpoch(int epoch, double trainLoss, double valLoss, double lr) {
            last = epoch;
            lastTrain = trainLoss;
            lastVal = valLoss;
            if (ctx.progress().due(epoch == epochs)) {
                show();
            }
        }

        @Override
        public boolean stopRequested() {
            return ctx.cancelled();
        }

        void finish() {
            if (last > shown) {
                show();
            }
        }

        private void show() {
            String status = String.format("epoch %d/%d train %.4g val %.4g", last, epochs, lastTrain, lastVal);
            ctx.progress().update(last / (double) epochs, status);
            ctx.progress().log(status);
            shown = last;
        }
    }

    /**
     * A network trained elsewhere ({@code load}): its model.zip is copied here and scored on this experiment's data
     * as a trained one is; its history and training metrics are the source run's when they lie next to the file
     * (else it has no epochs). The metrics add {@code loaded}: the file's path, size and SHA-256, and the source
     * run's experiment, spec hash and provenance when its manifest is found.
     */
    private void bringIn(StageContext ctx, NetworkSpec n, TrainingData data) throws Exception {
        ExternalInputs.Model model = ExternalInputs.model(Path.of(n.load()));
        Path sourceDir = model.path().getParent();
        org.l96.run.AtomicFiles.write(ctx.dir().resolve(MODEL), tmp -> java.nio.file.Files.copy(model.path(), tmp,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        TrainedNetwork trained = TrainedNetwork.load(network, n, ctx.dir().resolve(MODEL), null, null);
        ExternalInputs.SourceRun run = ExternalInputs.sourceRun(model);
        Metrics sourceMetrics = java.nio.file.Files.isRegularFile(sourceDir.resolve(METRICS))
                ? Metrics.read(sourceDir.resolve(METRICS)) : null;
        // the history and metrics beside the file are its training's only when they describe this network
        boolean sourceFolder = (run == null || run.mismatch() == null)
                && (sourceMetrics == null || sourceMetrics.parameters() == trained.network().numParams());
        if (!sourceFolder && (sourceMetrics != null || java.nio.file.Files.isRegularFile(sourceDir.resolve(HISTORY)))) {
            ctx.warn("the " + HISTORY + " and " + METRICS + " beside " + model.path() + " are not this file's "
                    + "training (" + (run != null && run.mismatch() != null ? "the manifest is another run's"
                    : METRICS + " counts " + sourceMetrics.parameters() + " parameters, the file "
                    + trained.network().numParams()) + "): it is taken without a training history");
        }
        org.l96.nn.History history = sourceFolder && java.nio.file.Files.isRegularFile(sourceDir.resolve(HISTORY))
                ? org.l96.nn.History.read(sourceDir.resolve(HISTORY)) : new org.l96.nn.History(List.of(), List.of());
        history.write(ctx.dir().resolve(HISTORY));
        int batchSize = data.batchSize();
        double valLoss = Trainer.evaluate(trained.network(), data.validation(), batchSize, n.loss());
        Metrics metrics = sourceFolder && sourceMetrics != null ? sourceMetrics
                : new Metrics(Double.NaN, valLoss, valLoss, 0, 0, trained.network().numParams(), 0,
                Metrics.StopReason.COMPLETED);
        metrics.write(ctx.dir().resolve(METRICS));
        Map<String, Object> m = outcome(metrics, history, n, valLoss, data.validation().size() > 0);
        if (metrics.epochs() > 0) {
            m.put(TrainOutputs.KEPT_EPOCH, null); // which epoch the source kept is its run's to say
        }
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("path", model.path().toString());
        source.put("bytes", model.size());
        source.put("sha256", model.sha256());
        if (run != null && run.mismatch() != null) {
            // e.g. a model.zip copied next to another run's manifest: its experiment and spec are not this file's
            source.put("manifest", run.manifest() + " (not this file's run: " + run.mismatch() + ")");
            ctx.warn("the manifest next to " + model.path() + " is not this file's run (" + run.mismatch()
                    + "); its experiment and spec are not recorded as the file's provenance");
        } else if (run != null) {
            source.put("manifest", run.manifest().toString());
            source.put("experiment", run.root().path("experiment").asText(null));
            source.put("provenance", run.root().path("provenance"));
            source.put("spec", run.root().path("spec").path("networks")
                    .path(java.util.Objects.requireNonNullElse(
                            TrainOutputs.networkOf(sourceDir.getFileName().toString()), "")));
        }
        m.put(TrainOutputs.LOADED, source);
        scores(ctx, trained, n, data, batchSize, null, m);
        metrics.write(ctx.dir().resolve(METRICS), m); // with where it came from and its scores here
    }

    /** What every network writes after its weights: weights.npz, predictions, test loss and offline scores. */
    private void scores(StageContext ctx, TrainedNetwork trained, NetworkSpec n, TrainingData data, int batchSize,
                        org.l96.nn.RolloutData rollout, Map<String, Object> m) throws Exception {
        var stateDict = org.l96.nn.TorchExport.stateDict(trained.network());
        org.l96.data.Npz.writeFloats(ctx.dir().resolve(TrainOutputs.WEIGHTS_NPZ), stateDict);

        // validation predictions as rows × K (local networks predict each X_k separately, in (t, k) order)
        double[] in = data.validation().inputsAsDouble();
        int batch = data.validation().size();
        double[] out = trained.predict(in, batch);
        int k = spec.world().k();
        Npy.writeDoubles(ctx.dir().resolve(PREDICTIONS), out, out.length / k, k);

        double testLoss = rollout != null ? Trainer.rolloutLoss(trained.network(), n, rollout, rollout.test())
                : data.test() == null ? Double.NaN
                : Trainer.evaluate(trained.network(), data.test(), batchSize, n.loss());
        if (rollout != null) {
            m.put(TrainOutputs.ROLLOUT, rolloutMetrics(n, rollout));
        }
        m.put(TrainOutputs.TEST_LOSS, Double.isFinite(testLoss) ? testLoss : null);
        m.put(TrainOutputs.TRAINABLE_PARAMETERS, org.l96.nn.TorchExport.trainable(stateDict));
        m.put(OfflineOutputs.OFFLINE, OfflineOutputs.scores(k,
                segment(trained, data.validation()), targets(data.validation()),
                data.test() == null ? null : segment(trained, data.test()),
                data.test() == null ? null : targets(data.test())));
        ctx.metric(TrainOutputs.metricPath(network), m);
    }

    /**
     * Why an online training has a test segment but no test loss: the segment holds no window (a window of N steps
     * needs N + 1 samples); null when it has one, or there is no test segment.
     */
    static String noTestWindow(NetworkSpec n, org.l96.nn.RolloutData rollout, int testRows) {
        if (rollout == null || testRows <= 0 || (rollout.test() != null && rollout.test().count() > 0)) {
            return null;
        }
        int steps = n.train().rollout();
        return "the test segment has " + testRows + " sample" + (testRows == 1 ? "" : "s") + ", fewer than one "
                + "window of " + steps + " steps needs (" + (steps + 1) + "), so there is no test loss; give "
                + "data { test last: " + (steps + 1) + " } or more, or a shorter rollout";
    }

    /** What the {@link TrainOutputs#ROLLOUT} metric says: that the losses are rollout losses, and of what. */
    private static Map<String, Object> rolloutMetrics(NetworkSpec n, org.l96.nn.RolloutData rollout) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("loss", "mean squared difference of X from the truth over each window of " + n.train().rollout()
                + " coarse steps (the losses of this training, its history and testLoss are this loss"
                + (n.train().offlineWeightOrZero() > 0 ? "; the training loss adds " + n.train().offlineWeight()
                + " × the offline loss" : "") + ")");
        r.put("steps", n.train().rollout());
        r.put("stepper", n.train().stepperKind().word());
        r.put("dt", rollout.dt());
        r.put("offlineWeight", n.train().offlineWeightOrZero());
        r.put("batchWindows", Math.min(n.train().batchWindows(), rollout.train().count()));
        r.put("trainWindows", rollout.train().count());
        r.put("validationWindows", rollout.validation().count());
        r.put("testWindows", rollout.test() == null ? 0 : rollout.test().count());
        return r;
    }

    /** The truth windows of each segment, cut from the simulation's X as the samples are split. */
    private org.l96.nn.RolloutData rolloutData(StageContext ctx, NetworkSpec n, TrainingData data) {
        SimulationFiles.Loaded sim = StageInputs.simulation(ctx, false);
        try {
            return org.l96.nn.RolloutData.cut(sim.x(), sim.rows(), sim.k(), data.split(), n.train().rollout(),
                    n.train().dtOr(spec.simulation().sampleInterval()), spec.world().forcing());
        } catch (IllegalArgumentException e) {
            throw new org.l96.run.UserError("network '" + network + "': " + e.getMessage(), e);
        }
    }

    /** The network's output on a segment's samples, rows × K like the coupling term. */
    private static double[] segment(TrainedNetwork trained, org.l96.data.Dataset d) {
        return trained.predict(d.inputsAsDouble(), d.size());
    }

    private static double[] targets(org.l96.data.Dataset d) {
        float[] t = d.targets();
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i];
        }
        return out;
    }

    /** Metric naming why a training failed ("diverged at epoch 3: training loss NaN"), or null. */
    public static final String DIVERGENCE = TrainOutputs.DIVERGENCE;

    /**
     * The training's metrics as the manifest lists them: {@link Metrics} (non-finite losses become null), then
     * {@code keptEpoch}, the epoch whose weights the network ends with (the best epoch when the trainer restored it:
     * {@code restoreBest}, cancellation, divergence; else the last), {@code keptValLoss}, the validation loss of
     * those weights as measured on the returned network, {@code restoreBest} as the spec asks, {@code restoredBest}
     * whether the kept weights are not the last epoch's, and for a training whose loss became NaN or infinite {@code diverged: true}, {@code divergedAtEpoch}
     * and {@link #DIVERGENCE}.
     */
    static Map<String, Object> outcome(Metrics metrics, org.l96.nn.History history, NetworkSpec n, double keptLoss,
                                       boolean hasValidation) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = org.l96.run.MetricsJson.mapper().convertValue(metrics, LinkedHashMap.class);
        if (metrics.bestEpoch() == 0) {
            m.put(TrainOutputs.BEST_EPOCH, null); // no epoch had a finite validation loss: there is no best one
        }
        boolean restored = switch (metrics.stopReason()) {
            case CANCELLED, DIVERGED -> true;
            case EARLY_STOPPED, COMPLETED -> n.train() != null && n.train().earlyStopping() != null
                    && n.train().earlyStopping().restoreBest();
        } && metrics.bestEpoch() > 0;
        int kept = restored ? metrics.bestEpoch() : metrics.epochs();
        m.put(TrainOutputs.KEPT_EPOCH, kept == 0 ? null : kept);
        m.put(TrainOutputs.KEPT_VAL_LOSS, Double.isFinite(keptLoss) ? keptLoss : null);
        m.put(TrainOutputs.RESTORE_BEST, n.train() != null && n.train().earlyStopping() != null
                && n.train().earlyStopping().restoreBest());
        m.put(TrainOutputs.RESTORED_BEST, restored && kept != metrics.epochs());
        String divergence = null;
        int divergedAt = 0;
        for (org.l96.nn.History.Epoch e : history.epochs()) {
            if (!Double.isFinite(e.trainLoss()) || hasValidation && !Double.isFinite(e.valLoss())) {
                divergedAt = e.epoch();
                double bad = Double.isFinite(e.trainLoss()) ? e.valLoss() : e.trainLoss();
                divergence = "diverged at epoch " + e.epoch() + ": " + (Double.isFinite(e.trainLoss())
                        ? "validation" : "training") + " loss " + bad;
                break;
            }
        }
        if (metrics.stopReason() == Metrics.StopReason.DIVERGED && divergence == null) {
            divergedAt = metrics.epochs();
            divergence = "diverged at epoch " + divergedAt + ": training loss not finite";
        }
        if (divergence != null) {
            // a validation loss that went non-finite while training went on is a divergence too (train.md)
            m.put(TrainOutputs.STOP_REASON, Metrics.StopReason.DIVERGED.name());
            if (n.train().isRollout()) {
                divergence += " (online training over windows of " + n.train().rollout() + " steps: gradients "
                        + "through many chaotic steps overflow; try shorter windows (rollout) or a lower learning "
                        + "rate)";
            }
        }
        m.put(TrainOutputs.DIVERGED, divergence != null);
        m.put(TrainOutputs.DIVERGED_AT_EPOCH, divergence == null ? null : divergedAt);
        m.put(DIVERGENCE, divergence);
        return m;
    }
}
