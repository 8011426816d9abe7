package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * Online evaluation: the coarse model run with each parameterization in {@code compare} ("none", a network's name
 * or a polynomial's name) against the real world.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EvaluationSpec.Trajectory.class, name = "trajectory"),
        @JsonSubTypes.Type(value = EvaluationSpec.Ensemble.class, name = "ensemble")})
public sealed interface EvaluationSpec {

    List<String> compare();

    /**
     * Single runs of {@code duration} time units from one truth state ({@code start}: a sample index, negative counts
     * from the end, -1 = the last) against the real world continued from there, stepping the coarse model at
     * {@code dt} (default: the sampling interval).
     */
    record Trajectory(List<String> compare, int start, double duration, Double dt) implements EvaluationSpec {
        public Trajectory {
            compare = Specs.copy(compare);
        }
    }

    /**
     * {@code initialConditions} runs of {@code duration} time units starting at truth samples
     * {@code first, first+every, …}; the error is the sum over runs, steps and k of |X_true − X_gcm|
     * ({@code sumAbsError}, the notebook's metric).
     */
    record Ensemble(List<String> compare, int initialConditions, int every, int first, double duration)
            implements EvaluationSpec {
        public Ensemble {
            compare = Specs.copy(compare);
        }
    }
}
