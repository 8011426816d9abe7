package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * A parameter sweep: each axis varies one spec path (as {@code l96 spec} prints it) over values written as on the
 * command line; axes combine as a product or zip; every point is repeated over {@code seeds} seeds.
 */
public record SweepSpec(String combine, List<Axis> axes, int seeds) {

    public SweepSpec {
        combine = combine == null ? Defaults.SWEEP_COMBINE.word() : combine;
        axes = Specs.copy(axes);
    }

    /** How the axes of a validated spec combine. */
    @JsonIgnore
    public Vocabulary.Combine combineKind() {
        return Vocabulary.of(Vocabulary.Combine.class, combine);
    }

    public record Axis(String path, List<String> values) {
        public Axis {
            values = Specs.copy(values);
        }
    }
}
