package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.LrRangeTestSpec;

/**
 * {@code lrRangeTest('ann-lr') { network 'ann'; from 1e-7; to 100; iterations 200 }}: ramp the learning rate of a
 * fresh copy of a network over some batches and watch the loss.
 */
public final class LrRangeTestBuilder extends DslBuilder {
    public static final double START_LR = Defaults.LR_RANGE_TEST_START_LR;
    public static final double END_LR = Defaults.LR_RANGE_TEST_END_LR;
    public static final int ITERATIONS = Defaults.LR_RANGE_TEST_ITERATIONS;
    public static final String RAMP = Defaults.LR_RANGE_TEST_RAMP.word();
    public static final double SMOOTHING = Defaults.LR_RANGE_TEST_SMOOTHING;
    public static final double DIVERGE_THRESHOLD = Defaults.LR_RANGE_TEST_DIVERGE_THRESHOLD;

    private final String name;
    private String network;
    private double startLr = START_LR;
    private double endLr = END_LR;
    private int iterations = ITERATIONS;
    private String ramp = RAMP;
    private double smoothing = SMOOTHING;
    private double divergeThreshold = DIVERGE_THRESHOLD;

    LrRangeTestBuilder(DslContext context, String name) {
        super(context, "lrRangeTests." + name);
        this.name = name;
        this.network = name; // lrRangeTest('ann') { … } tests network 'ann'
    }

    @Override
    String blockName() {
        return "lrRangeTest '" + name + "'";
    }

    /** The network whose layers, features and optimizer type are tested (default: the test's own name). */
    public LrRangeTestBuilder network(String network) {
        set("network", "network");
        this.network = network;
        return this;
    }

    /** First learning rate. */
    public LrRangeTestBuilder from(double lr) {
        set("from", "startLr");
        this.startLr = lr;
        return this;
    }

    /** Last learning rate. */
    public LrRangeTestBuilder to(double lr) {
        set("to", "endLr");
        this.endLr = lr;
        return this;
    }

    /** Number of batches over which the rate ramps. */
    public LrRangeTestBuilder iterations(int batches) {
        set("iterations", "iterations");
        this.iterations = batches;
        return this;
    }

    /** {@code exponential} or {@code linear}. */
    public LrRangeTestBuilder ramp(String ramp) {
        set("ramp", "ramp");
        this.ramp = ramp;
        return this;
    }

    /** Exponential smoothing factor of the recorded loss, in [0, 1). */
    public LrRangeTestBuilder smoothing(double factor) {
        set("smoothing", "smoothing");
        this.smoothing = factor;
        return this;
    }

    /** Stop once the smoothed loss exceeds this many times the best. */
    public LrRangeTestBuilder divergeThreshold(double times) {
        set("divergeThreshold", "divergeThreshold");
        this.divergeThreshold = times;
        return this;
    }

    LrRangeTestSpec toSpec() {
        return new LrRangeTestSpec(network, startLr, endLr, iterations, ramp, smoothing, divergeThreshold);
    }
}
