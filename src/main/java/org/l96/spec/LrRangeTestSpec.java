package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A learning-rate range test on a fresh copy of {@code network} (its layers, features and optimizer type): the rate
 * ramps from {@code startLr} to {@code endLr} over {@code iterations} batches ({@code ramp} "exponential" or
 * "linear"); the loss is smoothed exponentially ({@code smoothing}); the test stops once the smoothed loss exceeds
 * {@code divergeThreshold} times the best. The suggestion is the rate at the steepest descent of the smoothed curve.
 */
public record LrRangeTestSpec(String network, double startLr, double endLr, int iterations, String ramp,
                              double smoothing, double divergeThreshold) {

    public LrRangeTestSpec {
        ramp = ramp == null ? Defaults.LR_RANGE_TEST_RAMP.word() : ramp;
    }

    /** The ramp of a validated spec. */
    @JsonIgnore
    public Vocabulary.Ramp rampKind() {
        return Vocabulary.of(Vocabulary.Ramp.class, ramp);
    }
}
