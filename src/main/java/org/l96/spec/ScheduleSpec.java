package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Learning-rate schedules. Step and exponential schedules advance once per epoch (as PyTorch's StepLR and
 * ExponentialLR are usually stepped); cyclic and one-cycle advance once per batch (as CyclicLR and OneCycleLR).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ScheduleSpec.Constant.class, name = "constant"),
        @JsonSubTypes.Type(value = ScheduleSpec.Step.class, name = "step"),
        @JsonSubTypes.Type(value = ScheduleSpec.Exponential.class, name = "exponential"),
        @JsonSubTypes.Type(value = ScheduleSpec.Cyclic.class, name = "cyclic"),
        @JsonSubTypes.Type(value = ScheduleSpec.OneCycle.class, name = "oneCycle")})
public sealed interface ScheduleSpec {

    /** The optimizer's own rate throughout. */
    record Constant() implements ScheduleSpec {
    }

    /** Multiply the rate by {@code gamma} every {@code stepSize} epochs. */
    record Step(int stepSize, double gamma) implements ScheduleSpec {
    }

    /** Multiply the rate by {@code gamma} every epoch. */
    record Exponential(double gamma) implements ScheduleSpec {
    }

    /**
     * PyTorch's CyclicLR: between {@code baseLr} and {@code maxLr}, {@code stepSizeUp} batches up and
     * {@code stepSizeDown} down; mode triangular, triangular2 or exp_range (scaled by {@code gamma^iteration}).
     */
    record Cyclic(double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, String mode, double gamma)
            implements ScheduleSpec {
        /** The mode of a validated spec. */
        @JsonIgnore
        public Vocabulary.CyclicMode modeKind() {
            return Vocabulary.of(Vocabulary.CyclicMode.class, mode);
        }
    }

    /**
     * PyTorch's OneCycleLR with cosine annealing over the whole training: from {@code maxLr/divFactor} up to
     * {@code maxLr} during the first {@code pctStart} of the batches, then down to
     * {@code maxLr/(divFactor*finalDivFactor)}.
     */
    record OneCycle(double maxLr, double pctStart, double divFactor, double finalDivFactor) implements ScheduleSpec {
    }
}
