package org.l96.dsl;

import org.l96.spec.DataSpec;

import java.util.List;
import java.util.Map;

/**
 * {@code data { validation last: 4000; test last: 2000; batchSize 1024; shuffle true }}: how samples are split in
 * time and batched.
 */
public final class DataBuilder extends DslBuilder {
    private Integer validationLast;
    private Double validationFraction;
    private Integer testLast;
    private int batchSize;
    private boolean shuffle;

    DataBuilder(DslContext context, DataSpec from) {
        super(context, "data");
        validationLast = from.validationLast();
        validationFraction = from.validationFraction();
        testLast = from.testLast();
        batchSize = from.batchSize();
        shuffle = from.shuffle();
    }

    @Override
    String blockName() {
        return "data";
    }

    @Override
    String usage(String word) {
        return switch (word) {
            case "validation" -> "named options: validation last: 4000 or validation fraction: 0.2";
            case "test" -> "named options: test last: 2000";
            default -> null;
        };
    }

    /** {@code validation last: N} (samples at the end) or {@code validation fraction: f} (of all samples). */
    public DataBuilder validation(Map<String, ?> options) {
        Options o = new Options(this, "validation", options, here("validation"), List.of("last", "fraction"));
        if (o.hadUnknownNames() && !o.has("last") && !o.has("fraction")) {
            return this;
        }
        if (o.has("last") == o.has("fraction")) {
            issue("validationLast", "give one of validation last: N and validation fraction: f", o.at());
            return this;
        }
        if (o.has("last")) {
            context.record(path + ".validationLast", o.at());
            validationLast = o.whole("last", validationLast == null ? 0 : validationLast);
            validationFraction = null;
        } else {
            context.record(path + ".validationFraction", o.at());
            validationFraction = o.number("fraction", validationFraction == null ? 0 : validationFraction);
            validationLast = null;
        }
        return this;
    }

    /** The last {@code samples} samples (before any test segment) are for validation. */
    public DataBuilder validationLast(int samples) {
        set("validationLast", "validationLast");
        validationLast = samples;
        validationFraction = null;
        return this;
    }

    /** This fraction of all samples (before any test segment) is for validation. */
    public DataBuilder validationFraction(double fraction) {
        set("validationFraction", "validationFraction");
        validationFraction = fraction;
        validationLast = null;
        return this;
    }

    /** {@code test last: N}: hold out the last N samples as a test segment. */
    public DataBuilder test(Map<String, ?> options) {
        Options o = new Options(this, "test", options, here("test"), List.of("last"));
        context.record(path + ".testLast", o.at());
        testLast = o.whole("last");
        return this;
    }

    /** Hold out the last {@code samples} samples as a test segment. */
    public DataBuilder testLast(int samples) {
        set("testLast", "testLast");
        testLast = samples;
        return this;
    }

    /** Samples per training batch (a network's train block may override it). */
    public DataBuilder batchSize(int samples) {
        set("batchSize", "batchSize");
        batchSize = samples;
        return this;
    }

    /** Shuffle the training samples every epoch (seeded by the experiment's seed). */
    public DataBuilder shuffle(boolean shuffle) {
        set("shuffle", "shuffle");
        this.shuffle = shuffle;
        return this;
    }

    DataSpec toSpec() {
        return new DataSpec(validationLast, validationFraction, testLast, batchSize, shuffle);
    }
}
