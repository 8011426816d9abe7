package org.l96.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.data.Npz;
import org.l96.testsupport.Needs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code weights.npz} is what a PyTorch user loads: NumPy reads it back, the arrays have PyTorch's names and layouts,
 * and a forward pass written in NumPy from those arrays alone (Linear: {@code x @ W.T + b}; BatchNorm1d in eval mode:
 * {@code (x − running_mean) / sqrt(running_var + eps) · weight + bias}) gives DL4J's own output to float32
 * tolerance.
 */
class TorchExportTest {
    /** NumPy forward pass over the Sequential the export describes: ops "linear:i", "relu", "tanh", "bn:i", "skip". */
    private static final String FORWARD = String.join("\n",
            "import numpy as np, sys",
            "w = np.load(sys.argv[1]); x = np.load(sys.argv[2]).astype(np.float64)",
            "assert all(v.dtype == np.float32 for v in w.values()), [v.dtype for v in w.values()]",
            "for op in sys.argv[4].split(','):",
            "    kind, _, i = op.partition(':')",
            "    if kind == 'linear': x = x @ w[i + '.weight'].T.astype(np.float64) + w[i + '.bias']",
            "    elif kind == 'relu': x = np.maximum(x, 0)",
            "    elif kind == 'tanh': x = np.tanh(x)",
            "    elif kind == 'bn': x = (x - w[i + '.running_mean']) / np.sqrt(w[i + '.running_var'].astype(np.float64)"
                    + " + 1e-5) * w[i + '.weight'] + w[i + '.bias']",
            "np.save(sys.argv[3], x)");

    @Test
    void namesAndLayoutsArePyTorchs() {
        MultiLayerNetwork net = DenseForwardTest.trained("relu", 11);
        var dict = TorchExport.stateDict(net);
        // Linear, ReLU, BatchNorm1d, Dropout, Linear, ReLU, Linear
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var",
                "4.weight", "4.bias", "6.weight", "6.bias"), List.copyOf(dict.keySet()));
        assertArrayEquals(new long[]{16, 8}, dict.get("0.weight").shape());
        assertArrayEquals(new long[]{12, 16}, dict.get("4.weight").shape());
        assertArrayEquals(new long[]{8, 12}, dict.get("6.weight").shape());
        // out × in: row o is DL4J's column o
        INDArray w = net.getLayer(0).getParam("W");
        assertEquals(w.getFloat(3, 5), dict.get("0.weight").data()[5 * 8 + 3]);
        // 8·16 + 16, γ and β of 16, 16·12 + 12, 12·8 + 8; DL4J's count adds the 32 running statistics
        assertEquals(144 + 32 + 204 + 104, TorchExport.trainable(dict));
        assertEquals(TorchExport.trainable(dict) + 32, net.numParams());
        assertEquals(net.getLayer(1).getParam("mean").getFloat(7), dict.get("2.running_mean").data()[7]);
    }

    @Test
    void numpyForwardPassFromTheArchiveEqualsOurNetwork(@TempDir Path dir) throws Exception {
        String python = Needs.python("numpy");
        for (String act : List.of("relu", "tanh")) {
            MultiLayerNetwork net = DenseForwardTest.trained(act, 5);
            Path npz = dir.resolve(act + ".npz");
            TorchExport.write(net, npz);
            int batch = 16;
            SplittableRandom r = new SplittableRandom(3);
            float[] x = new float[batch * 8];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextGaussian() * 5 + 2);
            }
            Path in = dir.resolve("x.npy");
            Path out = dir.resolve(act + "-y.npy");
            Npy.writeFloats(in, x, batch, 8);
            String ops = String.join(",", "linear:0", act, "bn:2", "skip", "linear:4", act, "linear:6");
            Process p = new ProcessBuilder(python, "-c", FORWARD, npz.toString(), in.toString(), out.toString(), ops)
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), log);
            double[] numpy = Npy.read(out).data();
            double[] ours = net.output(Nd4j.create(x, new long[]{batch, 8}, 'c'), false)
                    .castTo(DataType.DOUBLE).dup('c').data().asDouble();
            assertEquals(ours.length, numpy.length);
            double worst = 0;
            for (int i = 0; i < ours.length; i++) {
                worst = Math.max(worst, Math.abs(ours[i] - numpy[i]) / (1 + Math.abs(ours[i])));
            }
            System.out.printf("weights.npz NumPy forward vs DL4J, %s: max |diff|/(1+|y|) = %.2e%n", act, worst);
            assertTrue(worst < 1e-5, act + ": " + worst);
        }
    }

    @Test
    void archiveHoldsOneNpyPerArray(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.npz");
        Npz.writeFloats(f, new java.util.LinkedHashMap<>(java.util.Map.of("0.weight",
                new Npz.FloatArray(new float[]{1, 2, 3, 4, 5, 6}, 2, 3))));
        try (var zip = new java.util.zip.ZipFile(f.toFile())) {
            var e = zip.getEntry("0.weight.npy");
            Path npy = dir.resolve("0.weight.npy");
            java.nio.file.Files.write(npy, zip.getInputStream(e).readAllBytes());
            Npy.Array a = Npy.read(npy);
            assertArrayEquals(new long[]{2, 3}, a.shape());
            assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, a.data());
        }
    }
}
