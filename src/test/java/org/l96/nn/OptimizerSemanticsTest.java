package org.l96.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each optimizer meaning against a step computed by hand with PyTorch's formulas, on a 1→1 network
 * {@code y = w x + b} with MSE loss, whose gradient is {@code dw = 2/N Σ r_i x_i, db = 2/N Σ r_i}, {@code r = wx+b-t}.
 */
class OptimizerSemanticsTest {
    static final double[] X1 = {0.5, -1.0, 2.0, 1.5};
    static final double[] T1 = {1.0, 0.0, -2.0, 0.5};
    static final double[] X2 = {-0.3, 0.8, 1.2};
    static final double[] T2 = {0.7, -0.4, 0.9};
    static final double W0 = 0.7;
    static final double B0 = -0.2;

    static MultiLayerNetwork linear(OptimizerSpec opt) {
        NetworkSpec spec = new NetworkSpec("local", List.of(new LayerSpec.Dense(1, "identity")), "xavier", "mse",
                null, null);
        MultiLayerNetwork net = Networks.build(spec, 1, Optimizers.updater(opt, null),
                Optimizers.regularization(opt), 1);
        net.getLayer(0).setParam("W", Nd4j.create(new float[][]{{(float) W0}}));
        net.getLayer(0).setParam("b", Nd4j.create(new float[][]{{(float) B0}}));
        return net;
    }

    static DataSet batch(double[] x, double[] t) {
        INDArray f = Nd4j.create(DataType.FLOAT, x.length, 1);
        INDArray l = Nd4j.create(DataType.FLOAT, t.length, 1);
        for (int i = 0; i < x.length; i++) {
            f.putScalar(i, 0, x[i]);
            l.putScalar(i, 0, t[i]);
        }
        return new DataSet(f, l);
    }

    /** {dL/dw, dL/db} of the mean squared error. */
    static double[] grad(double w, double b, double[] x, double[] t) {
        double gw = 0;
        double gb = 0;
        for (int i = 0; i < x.length; i++) {
            double r = w * x[i] + b - t[i];
            gw += 2 * r * x[i] / x.length;
            gb += 2 * r / x.length;
        }
        return new double[]{gw, gb};
    }

    static double loss(double w, double b, double[] x, double[] t) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = w * x[i] + b - t[i];
            s += r * r;
        }
        return s / x.length;
    }

    static double[] params(MultiLayerNetwork net) {
        return new double[]{net.getLayer(0).getParam("W").getDouble(0), net.getLayer(0).getParam("b").getDouble(0)};
    }

    static void assertParams(double[] expected, MultiLayerNetwork net) {
        double[] p = params(net);
        assertEquals(expected[0], p[0], 1e-6, "w");
        assertEquals(expected[1], p[1], 1e-6, "b");
    }

    @Test
    void scoreIsTheLossBeforeTheUpdate() {
        MultiLayerNetwork net = linear(OptimizerSpec.Adam.withLr(0.1));
        net.fit(batch(X1, T1));
        assertEquals(loss(W0, B0, X1, T1), net.score(), 1e-6);
    }

    @Test
    void adamWithCoupledWeightDecayTwoSteps() {
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
        MultiLayerNetwork net = linear(new OptimizerSpec.Adam(lr, b1, b2, eps, wd));
        double[] p = {W0, B0};
        double[] m = new double[2];
        double[] v = new double[2];
        double[][][] batches = {{X1, T1}, {X2, T2}};
        for (int step = 1; step <= 2; step++) {
            double[] g = grad(p[0], p[1], batches[step - 1][0], batches[step - 1][1]);
            for (int i = 0; i < 2; i++) {
                g[i] += wd * p[i];                              // PyTorch: grad = grad + weight_decay * param
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double bc1 = 1 - Math.pow(b1, step);
                double bc2 = 1 - Math.pow(b2, step);
                p[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + eps);
            }
            net.fit(batch(batches[step - 1][0], batches[step - 1][1]));
            assertParams(p, net);
        }
    }

    @Test
    void adamEpsilonIsAddedAfterTheBiasCorrection() {
        // with a large eps the placement matters: PyTorch divides by sqrt(v)/sqrt(1-b2^t) + eps
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 0.5;
        MultiLayerNetwork net = linear(new OptimizerSpec.Adam(lr, b1, b2, eps, 0));
        double[] g = grad(W0, B0, X1, T1);
        double[] p = {W0, B0};
        for (int i = 0; i < 2; i++) {
            double m = (1 - b1) * g[i];
            double v = (1 - b2) * g[i] * g[i];
            p[i] -= lr / (1 - b1) * m / (Math.sqrt(v) / Math.sqrt(1 - b2) + eps);
        }
        net.fit(batch(X1, T1));
        assertParams(p, net);
    }

    @Test
    void adamWDecaysDecoupled() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8, decay = 0.3;
        MultiLayerNetwork net = linear(new OptimizerSpec.AdamW(lr, b1, b2, eps, decay));
        double[] p = {W0, B0};
        double[] m = new double[2];
        double[] v = new double[2];
        double[][][] batches = {{X1, T1}, {X2, T2}};
        for (int step = 1; step <= 2; step++) {
            double[] g = grad(p[0], p[1], batches[step - 1][0], batches[step - 1][1]);
            for (int i = 0; i < 2; i++) {
                p[i] *= 1 - lr * decay;                          // PyTorch AdamW: param.mul_(1 - lr * wd)
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                p[i] -= lr / (1 - Math.pow(b1, step)) * m[i]
                        / (Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, step)) + eps);
            }
            net.fit(batch(batches[step - 1][0], batches[step - 1][1]));
            assertParams(p, net);
        }
    }

    @Test
    void sgdMomentumOneAndTwoSteps() {
        double lr = 0.003, mu = 0.9;
        MultiLayerNetwork net = linear(new OptimizerSpec.Sgd(lr, mu, false, 0));
        double[] p = {W0, B0};
        double[] buf = new double[2];
        double[][][] batches = {{X1, T1}, {X2, T2}};
        for (int step = 1; step <= 2; step++) {
            double[] g = grad(p[0], p[1], batches[step - 1][0], batches[step - 1][1]);
            for (int i = 0; i < 2; i++) {
                buf[i] = step == 1 ? g[i] : mu * buf[i] + g[i];
                p[i] -= lr * buf[i];
            }
            net.fit(batch(batches[step - 1][0], batches[step - 1][1]));
            assertParams(p, net);
        }
    }

    @Test
    void sgdNesterovWithWeightDecayTwoSteps() {
        double lr = 0.01, mu = 0.8, wd = 0.05;
        MultiLayerNetwork net = linear(new OptimizerSpec.Sgd(lr, mu, true, wd));
        double[] p = {W0, B0};
        double[] buf = new double[2];
        double[][][] batches = {{X1, T1}, {X2, T2}};
        for (int step = 1; step <= 2; step++) {
            double[] g = grad(p[0], p[1], batches[step - 1][0], batches[step - 1][1]);
            for (int i = 0; i < 2; i++) {
                g[i] += wd * p[i];
                buf[i] = step == 1 ? g[i] : mu * buf[i] + g[i];
                p[i] -= lr * (g[i] + mu * buf[i]);
            }
            net.fit(batch(batches[step - 1][0], batches[step - 1][1]));
            assertParams(p, net);
        }
    }

    @Test
    void plainSgd() {
        double lr = 0.05;
        MultiLayerNetwork net = linear(new OptimizerSpec.Sgd(lr, 0, false, 0));
        double[] g = grad(W0, B0, X1, T1);
        net.fit(batch(X1, T1));
        assertParams(new double[]{W0 - lr * g[0], B0 - lr * g[1]}, net);
    }

    @Test
    void rmsPropWithAndWithoutMomentum() {
        for (double mu : new double[]{0, 0.5}) {
            double lr = 0.01, alpha = 0.99, eps = 1e-8;
            MultiLayerNetwork net = linear(new OptimizerSpec.RmsProp(lr, alpha, eps, mu, 0));
            double[] p = {W0, B0};
            double[] sq = new double[2];
            double[] buf = new double[2];
            double[][][] batches = {{X1, T1}, {X2, T2}};
            for (int step = 1; step <= 2; step++) {
                double[] g = grad(p[0], p[1], batches[step - 1][0], batches[step - 1][1]);
                for (int i = 0; i < 2; i++) {
                    sq[i] = alpha * sq[i] + (1 - alpha) * g[i] * g[i];
                    double avg = Math.sqrt(sq[i]) + eps;
                    if (mu > 0) {
                        buf[i] = mu * buf[i] + g[i] / avg;
                        p[i] -= lr * buf[i];
                    } else {
                        p[i] -= lr * g[i] / avg;
                    }
                }
                net.fit(batch(batches[step - 1][0], batches[step - 1][1]));
                assertParams(p, net);
            }
        }
    }

    @Test
    void mseAndMaeAreMeansOverAllElements() {
        for (String loss : List.of("mse", "mae")) {
            NetworkSpec spec = new NetworkSpec("non-local", List.of(new LayerSpec.Dense(3, "identity")), "pytorch",
                    loss, null, null);
            OptimizerSpec opt = new OptimizerSpec.Sgd(0.1, 0, false, 0);
            MultiLayerNetwork net = Networks.build(spec, 2, Optimizers.updater(opt, null), List.of(), 5);
            INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2);
            INDArray t = Nd4j.rand(DataType.FLOAT, 5, 3).muli(3);
            INDArray y = net.output(x, false);
            double expected = 0;
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    double r = y.getDouble(i, j) - t.getDouble(i, j);
                    expected += loss.equals("mse") ? r * r : Math.abs(r);
                }
            }
            expected /= 15;
            assertEquals(expected, net.score(new DataSet(x, t), false), 1e-6, loss);
            // and the gradient is that of the mean: one SGD step of the bias equals lr * d(mean)/db
            INDArray b0 = net.getLayer(0).getParam("b").dup();
            net.fit(new DataSet(x, t));
            for (int j = 0; j < 3; j++) {
                double g = 0;
                for (int i = 0; i < 5; i++) {
                    double r = y.getDouble(i, j) - t.getDouble(i, j);
                    g += (loss.equals("mse") ? 2 * r : Math.signum(r)) / 15;
                }
                assertEquals(b0.getDouble(j) - 0.1 * g, net.getLayer(0).getParam("b").getDouble(j), 1e-6);
            }
        }
    }

    @Test
    void dropoutDropsItsRateInTrainingAndNothingInEvaluation() {
        NetworkSpec spec = new NetworkSpec("non-local", List.of(new LayerSpec.Dense(200, "relu"),
                new LayerSpec.Dropout(0.8), new LayerSpec.Dense(1, "identity")), "pytorch", "mse", null, null);
        MultiLayerNetwork net = Networks.build(spec, 4, Optimizers.updater(OptimizerSpec.Adam.withLr(0.01), null),
                List.of(), 3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 50, 4).addi(0.5);
        INDArray xCopy = x.dup();
        // layer 0 = dense (relu), layer 1 = dropout; feedForward's list starts with the input
        List<INDArray> train = net.feedForward(x, true);
        List<INDArray> eval = net.feedForward(x, false);
        assertEquals(xCopy, x, "the input is not modified");
        INDArray dense = eval.get(1);
        assertEquals(dense, eval.get(2), "no dropout in evaluation mode");
        INDArray dropped = train.get(2);
        INDArray denseTrain = eval.get(1); // DL4J's dropout overwrites the previous activations in training
        int active = 0;
        int zeroed = 0;
        for (int i = 0; i < dropped.rows(); i++) {
            for (int j = 0; j < dropped.columns(); j++) {
                double a = denseTrain.getDouble(i, j);
                double d = dropped.getDouble(i, j);
                if (a > 0) {
                    active++;
                    if (d == 0) {
                        zeroed++;
                    } else {
                        assertEquals(a / 0.2, d, 1e-4 * Math.abs(d), "kept units are scaled by 1/(1-p)");
                    }
                }
            }
        }
        double fraction = (double) zeroed / active;
        assertTrue(active > 3000, "enough active units: " + active);
        assertEquals(0.8, fraction, 0.02, "fraction dropped");
    }
}
