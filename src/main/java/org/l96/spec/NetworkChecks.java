package org.l96.spec;

import org.l96.world.InputLayout;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks of networks, their training (optimizer, schedule, early stopping) and LR range tests. */
final class NetworkChecks extends Checks {
    NetworkChecks(ExperimentSpec spec, List<Problem> problems) {
        super(spec, problems);
    }

    void network(String name, NetworkSpec n) {
        String p = "networks." + name;
        name(p, name, "network");
        reservedName(p, name, "network");
        if (n.isLoaded() && n.train() != null) {
            problem(p + ".train", "network '" + name + "' is loaded from a file, so it is not trained here: leave out "
                    + "its training; to train it more, declare a network that continues it: network('" + name
                    + "-more', continues: '" + name + "') { train { … } }");
        }
        if (n.isLoaded() && n.continueFrom() != null) {
            // it would be the file's weights, untrained: continuing happens in a network of its own
            problem(p + ".continueFrom", "network '" + name + "' is loaded from a file and continues '"
                    + n.continueFrom() + "': a network is either loaded or continues another; to train the "
                    + "loaded one further, declare network('" + name + "-more', continues: '" + name
                    + "') { train { … } }");
        }
        if (n.isLoaded() && n.load().isBlank()) {
            problem(p + ".load", "load takes the path of a model.zip");
        }
        if (n.train() == null) {
            return; // a loaded network: its layers come from the file, checked when it is read
        }
        int batch = n.train().batchSize() != null ? n.train().batchSize() : spec.data().batchSize();
        if (batch == 1 && n.layers().stream().anyMatch(l -> l instanceof LayerSpec.BatchNorm)) {
            // PyTorch refuses it too ("Expected more than 1 value per channel when training")
            problem(n.train().batchSize() != null ? p + ".train.batchSize" : "data.batchSize", "network '" + name
                    + "' has a batch norm layer, which needs batches of at least 2 samples in training (the "
                    + "variance of one sample is 0)");
        }
        oneOf(p + ".features", n.features(), Vocabulary.Features.class);
        oneOf(p + ".weightInit", n.weightInit(), Vocabulary.WeightInit.class);
        inputs(p, name, n);
        oneOf(p + ".loss", n.loss(), Vocabulary.Loss.class);
        if (n.layers().isEmpty()) {
            problem(p + ".layers", "network '" + name + "' has no layers");
        }
        LayerSpec.Dense lastDense = null;
        for (int i = 0; i < n.layers().size(); i++) {
            String lp = p + ".layers." + i;
            LayerSpec layer = n.layers().get(i);
            if (layer instanceof LayerSpec.Dense dense) {
                atLeast(lp + ".units", dense.units(), 1);
                oneOf(lp + ".activation", dense.activation(), Vocabulary.Activation.class);
                lastDense = dense;
            } else if (layer instanceof LayerSpec.Dropout dropout) {
                if (!(dropout.rate() >= 0 && dropout.rate() < 1)) {
                    problem(lp + ".rate", "dropout must be in [0, 1) (the probability of dropping a unit), got "
                            + dropout.rate());
                }
            } else if (layer instanceof LayerSpec.BatchNorm bn) {
                if (!(bn.momentum() > 0 && bn.momentum() < 1)) {
                    problem(lp + ".momentum", "batch-norm momentum must be in (0, 1), got " + bn.momentum());
                }
                positive(lp + ".epsilon", bn.epsilon());
            }
        }
        if (!n.layers().isEmpty()) {
            int outputs = n.isLocal() ? 1 : spec.world().k();
            if (!(n.layers().get(n.layers().size() - 1) instanceof LayerSpec.Dense)) {
                problem(p + ".layers", "the last layer must be dense (it gives the outputs)");
            } else if (lastDense != null && lastDense.units() != outputs && lastDense.units() >= 1
                    && Vocabulary.FEATURES.contains(n.features()) && (n.isLocal() || spec.world().k() >= 4)) {
                // (a bad k, features or units is reported once, at its own field)
                problem(p + ".layers." + (n.layers().size() - 1) + ".units", "a " + n.features()
                        + " network must end with " + outputs + " output" + (outputs == 1 ? "" : "s")
                        + " (one coupling term per " + (n.isLocal() ? "sample" : "X_k") + "), got "
                        + lastDense.units());
            }
        }
        train(p + ".train", n.train());
        rollout(p, name, n);
        if (n.continueFrom() != null) {
            NetworkSpec base = spec.networks().get(n.continueFrom());
            if (base == null) {
                unknown(p + ".continueFrom", n.continueFrom(), "network", spec.networks().keySet());
            } else if (n.continueFrom().equals(name)) {
                problem(p + ".continueFrom", "a network cannot continue from itself");
            } else if (!base.layers().equals(n.layers()) || !base.features().equals(n.features())) {
                problem(p + ".continueFrom", "'" + name + "' continues '" + n.continueFrom()
                        + "' so it must have the same features and layers");
            } else if (base.stencilWidth() != n.stencilWidth() || base.historyLength() != n.historyLength()
                    || base.seesPreviousCoupling() != n.seesPreviousCoupling()) {
                problem(p + ".continueFrom", "'" + name + "' continues '" + n.continueFrom()
                        + "' so it must see the same inputs (stencil, history, previousCoupling)");
            } else if (!base.weightInit().equals(n.weightInit())
                    && Vocabulary.WEIGHT_INITS.contains(base.weightInit())
                    && Vocabulary.WEIGHT_INITS.contains(n.weightInit())) { // an unknown word is reported as such
                // a continued network starts from trained weights: a different initialization would be ignored
                problem(p + ".weightInit", "'" + name + "' continues '" + n.continueFrom() + "' from its trained "
                        + "weights, so no initialization is used: leave weightInit as '" + n.continueFrom()
                        + "' has it ('" + base.weightInit() + "'), not '" + n.weightInit() + "'");
            } else if (continues(n.continueFrom(), name)) {
                problem(p + ".continueFrom", "networks '" + name + "' and '" + n.continueFrom()
                        + "' continue from each other");
            }
        }
    }

    /** The largest history a network may see (samples); more is surely a mistake and costs memory. */
    static final int MAX_HISTORY = 1000;

    /** Stencil and history: in range for K, and a stencil only for a local network. */
    private void inputs(String p, String name, NetworkSpec n) {
        int k = spec.world().k();
        if (n.stencil() != null) {
            if (n.stencil() < 0) {
                problem(p + ".stencil", "stencil must be 0 or more (the neighbours on each side of X_k), got "
                        + n.stencil());
            } else if (NetworkSpec.NON_LOCAL.equals(n.features()) && n.stencil() > 0) {
                problem(p + ".stencil", "network '" + name + "' is non-local (the default unless its block says "
                        + "local()): it sees all of X already; a stencil is for a local network: write local() in its "
                        + "block (instead of nonLocal(), if it says so), or leave the stencil out");
            } else if (k >= 1 && n.stencil() > InputLayout.maxStencil(k)) {
                problem(p + ".stencil", "stencil " + n.stencil() + " takes X_{k-" + n.stencil() + "..k+"
                        + n.stencil() + "}, " + (2L * n.stencil() + 1) + " values, but K = " + k + " has only " + k
                        + ": at most stencil " + InputLayout.maxStencil(k));
            }
        }
        if (n.history() != null && (n.history() < 0 || n.history() > MAX_HISTORY)) {
            problem(p + ".history", "history must be 0 to " + MAX_HISTORY + " (earlier samples seen), got "
                    + n.history());
        } else {
            segmentsHoldSamples(p, name, n);
        }
    }

    /**
     * Each segment drops its first rows, whose inputs would reach before it (Features.firstRow): every segment must
     * keep at least one. The split is computed as the run does (data.Split).
     */
    private void segmentsHoldSamples(String p, String name, NetworkSpec n) {
        int past = Math.max(n.historyLength(), n.seesPreviousCoupling() ? 1 : 0);
        if (past == 0) {
            return;
        }
        DataSpec d = spec.data();
        SimulationSpec s = spec.simulation();
        long rows = s.samples() + (Vocabulary.CouplingTarget.DISCRETE.word().equals(s.couplingTarget()) ? 0L : 1L);
        long validation = d.validationLast() != null ? d.validationLast()
                : d.validationFraction() != null ? Math.round(d.validationFraction() * rows) : 0;
        long test = d.testLast() == null ? 0 : d.testLast();
        long train = rows - validation - test;
        if (train < 1 || validation < 0 || test < 0) {
            return; // reported at data
        }
        String field = n.history() != null && n.historyLength() == past ? ".history" : ".previousCoupling";
        String[] names = {"training", "validation", "test"};
        long[] sizes = {train, validation, test};
        long[] dropped = {n.firstStartRow(), past, past};
        for (int i = 0; i < 3; i++) {
            if (sizes[i] > 0 && sizes[i] <= dropped[i]) {
                problem(p + field, "network '" + name + "' sees " + past + " earlier sample" + (past == 1 ? "" : "s")
                        + ", so the first " + dropped[i] + " rows of each segment have no sample; the " + names[i]
                        + " segment has only " + sizes[i] + ": give it more rows in data { } or simulate { }");
                return;
            }
        }
    }

    boolean continues(String from, String target) {
        Set<String> seen = new HashSet<>();
        String cur = from;
        while (cur != null && seen.add(cur)) {
            if (cur.equals(target)) {
                return true;
            }
            NetworkSpec n = spec.networks().get(cur);
            cur = n == null ? null : n.continueFrom();
        }
        return false;
    }

    void train(String p, TrainSpec t) {
        atLeast(p + ".epochs", t.epochs(), 1);
        if (t.batchSize() != null) {
            atLeast(p + ".batchSize", t.batchSize(), 1);
        }
        optimizer(p + ".optimizer", t.optimizer());
        schedule(p + ".schedule", t.schedule());
        if (t.earlyStopping() != null) {
            atLeast(p + ".earlyStopping.patience", t.earlyStopping().patience(), 1);
            nonNegative(p + ".earlyStopping.minDelta", t.earlyStopping().minDelta());
        }
    }

    /**
     * Online (rollout) training: its words apply only with {@code rollout}; the window must fit in the training and
     * validation segments; the coarse step is the sampling interval (the loss compares every step with a truth
     * sample); the engine steps dense layers only, and the rollout loss is a mean squared error.
     */
    void rollout(String p, String name, NetworkSpec n) {
        TrainSpec t = n.train();
        String tp = p + ".train";
        if (!t.isRollout()) {
            onlineOnly(tp, "stepper", t.stepper());
            onlineOnly(tp, "dt", t.dt());
            onlineOnly(tp, "offlineWeight", t.offlineWeight());
            return;
        }
        if (t.rollout() < 1) {
            problem(tp + ".rollout", "rollout " + t.rollout() + " must be at least 1 (the window, in coarse steps); to "
                    + "train offline, write offline() in the train block");
        }
        if (t.stepper() != null) {
            oneOf(tp + ".stepper", t.stepper(), Vocabulary.Integrator.class);
        }
        double si = spec.simulation().sampleInterval();
        if (t.dt() != null) {
            positive(tp + ".dt", t.dt());
            if (valid(t.dt()) && validSampleInterval() && Math.abs(t.dt() - si) > 1e-9 * si) {
                problem(tp + ".dt", "dt " + t.dt() + " must equal the sampling interval " + si + " in online "
                        + "training: the loss compares the coarse model with a truth sample after every step (leave "
                        + "dt out to take it)");
            }
        }
        if (t.offlineWeight() != null) {
            nonNegative(tp + ".offlineWeight", t.offlineWeight());
        }
        if (n.lossKind() == Vocabulary.Loss.MAE && Vocabulary.LOSSES.contains(n.loss())) {
            problem(p + ".loss", "network '" + name + "' trains online (rollout " + t.rollout() + "), whose loss "
                    + "is the mean squared difference of X over the window: loss 'mae' is for offline training; "
                    + "leave loss out or give 'mse'");
        }
        for (int i = 0; i < n.layers().size(); i++) {
            LayerSpec layer = n.layers().get(i);
            if (layer instanceof LayerSpec.Dropout || layer instanceof LayerSpec.BatchNorm) {
                problem(p + ".layers." + i, "network '" + name + "' trains online (rollout " + t.rollout()
                        + "), which steps dense layers only: remove the "
                        + (layer instanceof LayerSpec.Dropout ? "dropout" : "batch norm") + " layer, or train "
                        + "offline (no rollout)");
            }
        }
        String[][] extra = {
                {"stencil", n.stencil() == null ? null : "stencil " + n.stencil()},
                {"history", n.history() == null ? null : "history " + n.history()},
                {"previousCoupling", n.previousCoupling() == null ? null : "previousCoupling " + n.previousCoupling()}};
        for (String[] e : extra) {
            if (e[1] != null) {
                problem(p + "." + e[0], "network '" + name + "' trains online (rollout " + t.rollout() + "), where "
                        + "the coarse model feeds the network X alone (X_k for local(), all of X for nonLocal()): "
                        + e[1] + " is for offline training; remove it, or train offline (no rollout)");
            }
        }
        if (t.rollout() < 1 || spec.simulation().samples() < 1) {
            return;
        }
        // the segments as data { } splits them (WorldChecks.data reports a split that leaves no training data)
        DataSpec d = spec.data();
        long rows = spec.simulation().samples()
                + (Vocabulary.CouplingTarget.DISCRETE.word().equals(spec.simulation().couplingTarget()) ? 0L : 1L);
        long validation = d.validationLast() != null ? d.validationLast()
                : d.validationFraction() != null ? Math.round(d.validationFraction() * rows) : -1;
        long test = d.testLast() == null ? 0 : d.testLast();
        long train = rows - validation - test;
        if (validation < 1 || test < 0 || train < 1) {
            return;
        }
        long need = t.rollout() + 1L;
        if (train < need || validation < need) {
            String segment = train < need ? "training" : "validation";
            problem(tp + ".rollout", "network '" + name + "' trains on windows of " + t.rollout() + " steps, which "
                    + "need " + need + " samples each, but the " + segment + " segment has "
                    + (train < need ? train : validation) + "; give a shorter rollout, more samples (simulate { "
                    + "samples N }) or a " + segment + " segment of at least " + need + " samples (data { "
                    + (train < need ? "validation last: N, test last: N" : "validation last: N") + " })");
            return;
        }
        // the tape the run would need, against the same limit (half the heap: validate runs under the same
        // launcher, so with the same -Xmx as the run)
        if (!validStepper(t) || n.layers().isEmpty() || n.layers().stream().anyMatch(l -> !(l instanceof LayerSpec.Dense
                dense) || dense.units() < 1) || spec.world().k() < 1) {
            return;
        }
        int capacity = (int) Math.max(1, Math.max(Math.min(t.batchWindows(), (train - 1) / t.rollout()),
                Math.min(t.batchWindows(), (validation - 1) / t.rollout())));
        long bytes = RolloutTape.floats(n, spec.world().k(), t.stepperKind().word(), t.rollout(), capacity)
                * Float.BYTES;
        String tooLarge = RolloutTape.tooLarge(bytes, capacity, t.rollout(), Runtime.getRuntime().maxMemory());
        if (tooLarge != null) {
            problem(tp + ".rollout", "network '" + name + "': " + tooLarge);
        }
    }

    private static boolean validStepper(TrainSpec t) {
        return t.stepper() == null || Vocabulary.INTEGRATORS.contains(t.stepper());
    }

    private void onlineOnly(String trainPath, String word, Object value) {
        if (value != null) {
            problem(trainPath + "." + word, word + " applies to online training only: give rollout N (the window "
                    + "length in coarse steps) in the same train block, or leave " + word + " out");
        }
    }

    void optimizer(String p, OptimizerSpec o) {
        positive(p + ".lr", o.lr());
        nonNegative(p + ".weightDecay", o.weightDecay());
        if (o instanceof OptimizerSpec.Sgd sgd) {
            unit(p + ".momentum", sgd.momentum());
            if (sgd.nesterov() && sgd.momentum() <= 0) {
                problem(p + ".nesterov", "Nesterov momentum needs momentum > 0");
            }
        } else if (o instanceof OptimizerSpec.Adam adam) {
            unit(p + ".beta1", adam.beta1());
            unit(p + ".beta2", adam.beta2());
            positive(p + ".epsilon", adam.epsilon());
        } else if (o instanceof OptimizerSpec.AdamW adamW) {
            unit(p + ".beta1", adamW.beta1());
            unit(p + ".beta2", adamW.beta2());
            positive(p + ".epsilon", adamW.epsilon());
            nonNegative(p + ".decoupledWeightDecay", adamW.decoupledWeightDecay());
        } else if (o instanceof OptimizerSpec.RmsProp rms) {
            unit(p + ".alpha", rms.alpha());
            positive(p + ".epsilon", rms.epsilon());
            unit(p + ".momentum", rms.momentum());
        }
    }

    void schedule(String p, ScheduleSpec s) {
        if (s instanceof ScheduleSpec.Step step) {
            atLeast(p + ".stepSize", step.stepSize(), 1);
            positive(p + ".gamma", step.gamma());
        } else if (s instanceof ScheduleSpec.Exponential exp) {
            positive(p + ".gamma", exp.gamma());
        } else if (s instanceof ScheduleSpec.Cyclic cyc) {
            positive(p + ".baseLr", cyc.baseLr());
            positive(p + ".maxLr", cyc.maxLr());
            if (valid(cyc.maxLr()) && valid(cyc.baseLr()) && cyc.maxLr() < cyc.baseLr()) {
                problem(p + ".maxLr", "maxLr " + cyc.maxLr() + " is below baseLr " + cyc.baseLr());
            }
            atLeast(p + ".stepSizeUp", cyc.stepSizeUp(), 1);
            atLeast(p + ".stepSizeDown", cyc.stepSizeDown(), 1);
            oneOf(p + ".mode", cyc.mode(), Vocabulary.CyclicMode.class);
            positive(p + ".gamma", cyc.gamma());
        } else if (s instanceof ScheduleSpec.OneCycle one) {
            positive(p + ".maxLr", one.maxLr());
            if (!(one.pctStart() > 0 && one.pctStart() < 1)) {
                problem(p + ".pctStart", "pctStart must be in (0, 1), got " + one.pctStart());
            }
            positive(p + ".divFactor", one.divFactor());
            positive(p + ".finalDivFactor", one.finalDivFactor());
        }
    }

    void lrRangeTest(String name, LrRangeTestSpec t) {
        String p = "lrRangeTests." + name;
        name(p, name, "LR range test");
        if (!spec.networks().containsKey(t.network())) {
            unknown(p + ".network", t.network(), "network", spec.networks().keySet());
        } else if (spec.networks().get(t.network()).isLoaded()) {
            problem(p + ".network", "network '" + t.network() + "' is loaded from a file and has no optimizer here; "
                    + "an LR range test needs a network trained here (one that continues it: network('"
                    + t.network() + "-more', continues: '" + t.network() + "') { … })");
        } else if (spec.networks().get(t.network()).train().isRollout()) {
            problem(p + ".network", "an LR range test trains offline, on samples, but network '" + t.network()
                    + "' trains online (rollout " + spec.networks().get(t.network()).train().rollout() + "); "
                    + "test an offline network with the same layers");
        }
        positive(p + ".startLr", t.startLr());
        positive(p + ".endLr", t.endLr());
        if (valid(t.startLr()) && valid(t.endLr()) && !(t.endLr() > t.startLr())) {
            problem(p + ".endLr", "end rate " + t.endLr() + " must be above the start rate " + t.startLr());
        }
        atLeast(p + ".iterations", t.iterations(), 2);
        oneOf(p + ".ramp", t.ramp(), Vocabulary.Ramp.class);
        if (!(t.smoothing() >= 0 && t.smoothing() < 1)) {
            problem(p + ".smoothing", "smoothing must be in [0, 1), got " + t.smoothing());
        }
        if (!(t.divergeThreshold() > 1)) {
            problem(p + ".divergeThreshold", "divergence threshold must be above 1, got " + t.divergeThreshold());
        }
    }
}
