package org.l96.nn.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * PyTorch's {@code weight_decay} of SGD/Adam/RMSprop (coupled L2): {@code coefficient * param} is added to the
 * gradient (already averaged over the mini-batch) before the optimizer sees it. Unlike DL4J's
 * {@code L2Regularization} it adds nothing to the reported score, so the score stays the data loss, as the
 * notebook's {@code loss.item()}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CoupledWeightDecay implements Regularization {
    private double coefficient;

    private CoupledWeightDecay() {
    }

    public CoupledWeightDecay(double coefficient) {
        this.coefficient = coefficient;
    }

    public double coefficient() {
        return coefficient;
    }

    @Override
    public ApplyStep applyStep() {
        return ApplyStep.BEFORE_UPDATER;
    }

    @Override
    public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
        Nd4j.exec(new Axpy(param, gradView, gradView, coefficient)); // grad += c * param
    }

    @Override
    public double score(INDArray param, int iteration, int epoch) {
        return 0;
    }

    @Override
    public Regularization clone() {
        return new CoupledWeightDecay(coefficient);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoupledWeightDecay c && Double.compare(c.coefficient, coefficient) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(coefficient) * 31 + 1;
    }

    @Override
    public String toString() {
        return "CoupledWeightDecay(" + coefficient + ")";
    }
}
