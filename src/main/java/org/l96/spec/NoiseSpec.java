package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * The noise of a stochastic parameterization (Arnold, Moroz &amp; Palmer 2013, section 3) on a deterministic one.
 *
 * @param form    how it enters: a {@link Vocabulary.NoiseForm} word
 * @param process {@link Vocabulary.NoiseProcess} word: {@code white} or {@code ar1}
 * @param phi     the AR(1) lag-one autocorrelation at the sampling interval, in [0, 1); null: fitted to the
 *                residuals of the deterministic part on the training data (only for {@code ar1})
 * @param sigmas  the form's standard deviations by their names ({@link Vocabulary.NoiseForm#parameters()});
 *                null: all fitted
 */
@JsonPropertyOrder({"form", "process", "phi", "sigmas"})
public record NoiseSpec(String form, String process, Double phi, Map<String, Double> sigmas) {
    public NoiseSpec {
        sigmas = sigmas == null ? null : Specs.copy(sigmas);
    }

    /** The form as an enum; for readers of a validated spec. */
    @JsonIgnore
    public Vocabulary.NoiseForm noiseForm() {
        return Vocabulary.of(Vocabulary.NoiseForm.class, form);
    }

    /** Whether the noise is AR(1) (else white); for readers of a validated spec. */
    @JsonIgnore
    public boolean ar1() {
        return Vocabulary.of(Vocabulary.NoiseProcess.class, process) == Vocabulary.NoiseProcess.AR1;
    }
}
