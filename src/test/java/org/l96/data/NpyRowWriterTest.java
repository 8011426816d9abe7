package org.l96.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.testsupport.Needs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files written row by row are the files written whole: same bytes, readable by us and by NumPy. */
class NpyRowWriterTest {

    /** 3000 rows × 7: more than one 64 KiB buffer, with a row straddling a buffer's end. */
    private static double[] values(int rows, int width) {
        double[] v = new double[rows * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(0.37 * i) * 1e3 + i;
        }
        return v;
    }

    @Test
    void rowByRowIsByteForByteTheWholeWrite(@TempDir Path dir) throws IOException {
        int rows = 3000;
        int width = 7;
        double[] v = values(rows, width);
        Path whole = dir.resolve("whole.npy");
        Npy.writeDoubles(whole, v, rows, width);
        Path streamed = dir.resolve("streamed.npy");
        try (Npy.RowWriter w = Npy.rowWriter(streamed, rows, width)) {
            for (int r = 0; r < rows; r++) {
                w.append(v, r * width);
            }
        }
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(streamed));
        Npy.Array a = Npy.read(streamed);
        assertArrayEquals(new long[]{rows, width}, a.shape());
        assertArrayEquals(v, a.data(), 0.0);
        double[] row1234 = new double[width];
        System.arraycopy(v, 1234 * width, row1234, 0, width);
        assertArrayEquals(row1234, Npy.readRow(streamed, 1234), 0.0);
        assertArrayEquals(Npy.readRow(streamed, rows - 1), Npy.readLastRow(streamed), 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> Npy.readRow(streamed, rows));

        Path vector = dir.resolve("t.npy");
        try (Npy.RowWriter w = Npy.rowWriter(vector, 4, 0)) {
            for (int r = 0; r < 4; r++) {
                w.append(0.5 * r);
            }
        }
        Npy.Array t = Npy.read(vector);
        assertArrayEquals(new long[]{4}, t.shape());
        assertArrayEquals(new double[]{0, 0.5, 1, 1.5}, t.data(), 0.0);
    }

    @Test
    void aFileCutShortOrOverfilledIsAnError(@TempDir Path dir) throws IOException {
        Npy.RowWriter shortOne = Npy.rowWriter(dir.resolve("s.npy"), 3, 2);
        shortOne.append(new double[]{1, 2}, 0);
        IOException e = assertThrows(IOException.class, shortOne::close);
        assertTrue(e.getMessage().contains("1 of 3 rows written"), e.getMessage());
        try (Npy.RowWriter full = Npy.rowWriter(dir.resolve("f.npy"), 1, 2)) {
            full.append(new double[]{1, 2}, 0);
            assertThrows(IllegalStateException.class, () -> full.append(new double[]{3, 4}, 0));
        }
    }

    @Test
    void numpyReadsAStreamedFile(@TempDir Path dir) throws Exception {
        int rows = 2500;
        int width = 3;
        double[] v = values(rows, width);
        Path f = dir.resolve("x.npy");
        try (Npy.RowWriter w = Npy.rowWriter(f, rows, width)) {
            for (int r = 0; r < rows; r++) {
                w.append(v, r * width);
            }
        }
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        String python = Needs.python("numpy");
        List<String> cmd = List.of(python, "-c", "import numpy as np, sys; a=np.load(sys.argv[1]); "
                + "print(a.dtype, a.shape, repr(float(a[1234, 2])), repr(float(a.sum())))", f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes()).trim();
        String[] parts = out.split(" ", 4);
        assertEquals("float64 (2500, 3)", parts[0] + " " + parts[1] + " " + parts[2].replace(",", ""),
                out);
        String[] nums = parts[3].split(" ");
        assertEquals(v[1234 * width + 2], Double.parseDouble(nums[0]), 0.0, out);
        assertEquals(sum, Double.parseDouble(nums[1]), 1e-9 * Math.abs(sum), out);
    }
}
