package org.l96.nn.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * PyTorch AdamW's decoupled weight decay: each step {@code p -= lr * coefficient * p} (with the step's current
 * rate), outside the adaptive update; applied to every parameter, biases included. Adds nothing to the score.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class DecoupledWeightDecay implements Regularization {
    private double coefficient;

    private DecoupledWeightDecay() {
    }

    public DecoupledWeightDecay(double coefficient) {
        this.coefficient = coefficient;
    }

    public double coefficient() {
        return coefficient;
    }

    @Override
    public ApplyStep applyStep() {
        return ApplyStep.POST_UPDATER;
    }

    @Override
    public void apply(INDArray param, INDArray updateView, double lr, int iteration, int epoch) {
        Nd4j.exec(new Axpy(param, updateView, updateView, lr * coefficient)); // update += lr c p; p -= update
    }

    @Override
    public double score(INDArray param, int iteration, int epoch) {
        return 0;
    }

    @Override
    public Regularization clone() {
        return new DecoupledWeightDecay(coefficient);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecoupledWeightDecay c && Double.compare(c.coefficient, coefficient) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(coefficient) * 31 + 2;
    }

    @Override
    public String toString() {
        return "DecoupledWeightDecay(" + coefficient + ")";
    }
}
