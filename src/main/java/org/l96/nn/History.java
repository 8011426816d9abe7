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

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
