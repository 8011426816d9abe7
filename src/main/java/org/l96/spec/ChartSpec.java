package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Figures. Each names its output file (without extension) and, where it draws one, the network/evaluation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChartSpec.BatchScatter.class, name = "batchScatter"),
        @JsonSubTypes.Type(value = ChartSpec.Predictions.class, name = "predictions"),
        @JsonSubTypes.Type(value = ChartSpec.Trajectories.class, name = "trajectories"),
        @JsonSubTypes.Type(value = ChartSpec.Activation.class, name = "activation"),
        @JsonSubTypes.Type(value = ChartSpec.LossCurves.class, name = "lossCurves"),
        @JsonSubTypes.Type(value = ChartSpec.LrRangeTest.class, name = "lrRangeTest"),
        @JsonSubTypes.Type(value = ChartSpec.RmseByLead.class, name = "rmseByLead"),
        @JsonSubTypes.Type(value = ChartSpec.AnomalyCorrelation.class, name = "anomalyCorrelation"),
        @JsonSubTypes.Type(value = ChartSpec.Pdfs.class, name = "pdfs"),
        @JsonSubTypes.Type(value = ChartSpec.Autocorrelation.class, name = "autocorrelation"),
        @JsonSubTypes.Type(value = ChartSpec.LrSchedule.class, name = "lrSchedule"),
        @JsonSubTypes.Type(value = ChartSpec.SpreadByLead.class, name = "spreadByLead"),
        @JsonSubTypes.Type(value = ChartSpec.CrpsByLead.class, name = "crpsByLead"),
        @JsonSubTypes.Type(value = ChartSpec.RankHistograms.class, name = "rankHistograms"),
        @JsonSubTypes.Type(value = ChartSpec.LossComparison.class, name = "lossComparison"),
        @JsonSubTypes.Type(value = ChartSpec.CouplingScatter.class, name = "couplingScatter"),
        @JsonSubTypes.Type(value = ChartSpec.Hovmoller.class, name = "hovmoller")})
public sealed interface ChartSpec {

    String file();

    /** A figure of one online evaluation's results. */
    sealed interface OfEvaluation extends ChartSpec permits Trajectories, RmseByLead, AnomalyCorrelation, Pdfs,
            Autocorrelation, SpreadByLead, CrpsByLead, RankHistograms, Hovmoller {
        String evaluation();
    }

    /** One training batch: state X against subgrid tendency (the notebook's first figure). */
    record BatchScatter(String file, String network) implements ChartSpec {
    }

    /** A network's prediction against the true subgrid tendency over the first {@code samples} validation samples. */
    record Predictions(String file, String network, int variable, int samples) implements ChartSpec {
    }

    /** X_{variable} over the first {@code steps} steps of a trajectory evaluation, truth and each parameterization. */
    record Trajectories(String file, String evaluation, int variable, int steps) implements OfEvaluation {
    }

    /** An activation function over [from, to]. */
    record Activation(String file, String activation, double from, double to) implements ChartSpec {
        /** The activation of a validated spec. */
        @JsonIgnore
        public Vocabulary.Activation activationKind() {
            return Vocabulary.of(Vocabulary.Activation.class, activation);
        }
    }

    /**
     * Training and validation loss per epoch of a network, the epoch whose weights early stopping restored marked;
     * {@code log} true puts the loss axis on a log scale (null: linear).
     */
    record LossCurves(String file, String network, Boolean log) implements ChartSpec {
        /** Linear loss axis. */
        public LossCurves(String file, String network) {
            this(file, network, null);
        }

        /** Whether the loss axis is logarithmic. */
        @JsonIgnore
        public boolean logScale() {
            return Boolean.TRUE.equals(log);
        }
    }

    /**
     * Several networks' training and validation losses per epoch on one chart, one colour per network (the run's
     * scheme colour), restored epochs marked; {@code log} true for a log loss axis (null: linear).
     */
    record LossComparison(String file, java.util.List<String> networks, Boolean log) implements ChartSpec {
        public LossComparison {
            networks = networks == null ? null : java.util.List.copyOf(networks);
        }

        /** Whether the loss axis is logarithmic. */
        @JsonIgnore
        public boolean logScale() {
            return Boolean.TRUE.equals(log);
        }
    }

    /**
     * The coupling term against X, pooled over k, on {@code samples} points spread evenly over the training segment
     * (the pairs polynomials are fitted on), with each polynomial's curve drawn over it (none: the cloud alone).
     */
    record CouplingScatter(String file, java.util.List<String> polynomials, int samples) implements ChartSpec {
        public CouplingScatter {
            polynomials = polynomials == null ? java.util.List.of() : java.util.List.copyOf(polynomials);
        }
    }

    /**
     * A Hovmöller chart of a trajectory evaluation: X_k (colour) against k and time, the truth above the coarse
     * model with {@code scheme} (null: the first compared), over the first {@code steps} coarse steps (null: all).
     */
    record Hovmoller(String file, String evaluation, String scheme, Integer steps) implements OfEvaluation {
    }

    /** Loss against learning rate (log axis) of an LR range test, with the suggestion marked. */
    record LrRangeTest(String file, String test) implements ChartSpec {
    }

    /** RMSE/σ_X against lead time of a forecast evaluation, 95% bands, one line per scheme (none and ceiling too). */
    record RmseByLead(String file, String evaluation) implements OfEvaluation {
    }

    /** Anomaly correlation against lead time of a forecast evaluation, with 95% bands. */
    record AnomalyCorrelation(String file, String evaluation) implements OfEvaluation {
    }

    /** PDF of X (pooled over k) of a climate evaluation: truth and each parameterization. */
    record Pdfs(String file, String evaluation) implements OfEvaluation {
    }

    /** Temporal autocorrelation of X_k against lag of a climate evaluation: truth and each parameterization. */
    record Autocorrelation(String file, String evaluation) implements OfEvaluation {
    }

    /** An ensemble forecast's ensemble-mean RMSE (95% bands) and spread against lead, per scheme. */
    record SpreadByLead(String file, String evaluation) implements OfEvaluation {
    }

    /** An ensemble forecast's CRPS against lead, per scheme, with 95% bands. */
    record CrpsByLead(String file, String evaluation) implements OfEvaluation {
    }

    /** An ensemble forecast's rank histograms at its rank leads (relative frequency of each rank), per scheme. */
    record RankHistograms(String file, String evaluation) implements OfEvaluation {
    }

    /** The learning rate a network trained with at each iteration. */
    record LrSchedule(String file, String network) implements ChartSpec {
    }
}
