package org.l96.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.l96.testsupport.Needs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyTest {

    private static double[] randomValues(int n) {
        Random r = new Random(3);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * 1e3;
        }
        v[0] = Double.NaN;
        v[1] = -0.0;
        return v;
    }

    @Test
    void readsTheLastRowAlone(@TempDir Path dir) throws IOException {
        double[] d = new double[5 * 3];
        float[] f = new float[5 * 3];
        for (int i = 0; i < d.length; i++) {
            d[i] = i * 0.5;
            f[i] = i * 0.25f;
        }
        Npy.writeDoubles(dir.resolve("d.npy"), d, 5, 3);
        Npy.writeFloats(dir.resolve("f.npy"), f, 5, 3);
        assertArrayEquals(new double[]{6.0, 6.5, 7.0}, Npy.readLastRow(dir.resolve("d.npy")));
        assertArrayEquals(new double[]{3.0, 3.25, 3.5}, Npy.readLastRow(dir.resolve("f.npy")));
        Npy.writeDoubles(dir.resolve("v.npy"), new double[]{1, 2, 3}, 3);
        assertArrayEquals(new double[]{3}, Npy.readLastRow(dir.resolve("v.npy")));
    }

    @Test
    void roundTripsDoublesAndFloats(@TempDir Path dir) throws IOException {
        double[] v = randomValues(3 * 20_000 + 3);
        Path f = dir.resolve("a.npy");
        Npy.writeDoubles(f, v, 3, 20_001);
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new long[]{3, 20_001}, a.shape());
        assertArrayEquals(v, a.data());

        float[] fl = {1.5f, -2.25f, 3e-7f, 7f};
        Npy.writeFloats(f, fl, 4);
        a = Npy.read(f);
        assertArrayEquals(new long[]{4}, a.shape());
        assertArrayEquals(new double[]{1.5, -2.25, 3e-7f, 7}, a.data());
    }

    @Test
    void headerIsAlignedAsNumPyWritesIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.npy");
        Npy.writeDoubles(f, new double[6], 2, 3);
        assertEquals(128 + 6 * 8, Files.size(f)); // what np.save writes for this shape
    }

    @Test
    void ourFilesReadBackInNd4jAndNd4jFilesInOurs(@TempDir Path dir) throws IOException {
        double[] v = randomValues(8 * 5);
        Path ours = dir.resolve("ours.npy");
        Npy.writeDoubles(ours, v, 8, 5);
        INDArray back = Nd4j.createFromNpyFile(ours.toFile());
        assertArrayEquals(new long[]{8, 5}, back.shape());
        assertArrayEquals(v, back.data().asDouble());

        Path theirs = dir.resolve("theirs.npy");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 6);
        Nd4j.writeAsNumpy(x, theirs.toFile());
        Npy.Array a = Npy.read(theirs);
        assertArrayEquals(new long[]{4, 6}, a.shape());
        assertArrayEquals(x.data().asDouble(), a.data());
    }

    @Test
    void numpyReadsOurFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.npy");
        Npy.writeDoubles(f, new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        String python = Needs.python("numpy");
        List<String> cmd = List.of(python, "-c", "import numpy as np, sys; a=np.load(sys.argv[1]); "
                + "print(a.dtype, a.shape, a.sum())", f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals("float64 (2, 3) 21.0", out);
    }

    @Test
    void rejectsWhatItCannotRead(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "hello");
        assertThrows(Npy.NpyFormatException.class, () -> Npy.read(junk));
        Path ints = dir.resolve("ints.npy");
        INDArray x = Nd4j.create(new int[]{1, 2, 3}, new long[]{3}, DataType.INT32);
        Nd4j.writeAsNumpy(x, ints.toFile());
        var e = assertThrows(Npy.NpyFormatException.class, () -> Npy.read(ints));
        assertTrue(e.getMessage().contains("float64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npy.writeDoubles(junk, new double[5], 2, 3));
    }
}
