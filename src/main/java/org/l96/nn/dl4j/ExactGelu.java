package org.l96.nn.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GELU as PyTorch's default {@code nn.GELU()}: {@code x · Φ(x) = x · (1 + erf(x/√2)) / 2}. DL4J's
 * {@code ActivationGELU} offers only the sigmoid ({@code x·σ(1.702x)}) and tanh approximations.
 */
public final class ExactGelu extends BaseActivationFunction {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    /** Φ(x), a new array. */
    private static INDArray cdf(INDArray x) {
        INDArray t = x.mul(INV_SQRT2);
        Nd4j.exec(new Erf(t, t));
        return t.addi(1).muli(0.5);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.muli(cdf(in));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray d = cdf(in);                                     // Φ(x)
        INDArray pdf = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI); // φ(x)
        d.addi(pdf.muli(in));                                     // Φ(x) + x φ(x)
        in.assign(d.muli(epsilon));
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactGelu;
    }

    @Override
    public int hashCode() {
        return ExactGelu.class.hashCode();
    }

    @Override
    public String toString() {
        return "gelu";
    }
}
