package org.l96.nn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a training run did, epoch by epoch ({@code epoch} counts from 1 within the run; {@code lr} is the rate of the
 * epoch's first batch), and the rate used at every iteration (batch) of the run. Written as {@code history.json}.
 */
public record History(List<Epoch> epochs, List<Double> iterationLr) {

    public History {
        epochs = List.copyOf(epochs);
        iterationLr = List.copyOf(iterationLr);
    }

    /** One epoch: mean training loss over its batches (training mode, before each update), validation loss. */
    public record Epoch(int epoch, double trainLoss, double valLoss, double lr) {
    }

    /**
     * A loss that is not finite (a diverged training) is written as JSON null, as the metrics write it, and read back
     * as NaN: JSON has no NaN, and the strings "NaN"/"Infinity" Jackson writes by default would reach Python's
     * json and pandas as text (files written so are still read).
     */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("finite-or-null")
                    .addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(Double.TYPE, new FiniteOrNull())
                    .addDeserializer(Double.TYPE, new NanForNull(Double.TYPE))
                    .addDeserializer(Double.class, new NanForNull(Double.class)));

    private static final class FiniteOrNull extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Double> {
        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, com.fasterxml.jackson.core.JsonGenerator gen,
                              com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
            if (v == null || !Double.isFinite(v)) {
                gen.writeNull();
            } else {
                gen.writeNumber(v);
            }
        }
    }

    private static final class NanForNull
            extends com.fasterxml.jackson.databind.deser.std.NumberDeserializers.DoubleDeserializer {
        NanForNull(Class<Double> type) {
            super(type, Double.NaN); // the value a null stands for
        }
    }

    public double[] trainLosses() {
        return epochs.stream().mapToDouble(Epoch::trainLoss).toArray();
    }

    public double[] valLosses() {
        return epochs.stream().mapToDouble(Epoch::valLoss).toArray();
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static History read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), History.class);
    }
}
