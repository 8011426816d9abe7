package org.l96.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives: a zip file holding one {@code <name>.npy} per array, what {@code numpy.savez} writes
 * and {@code numpy.load} reads back as a mapping from name to array.
 */
public final class Npz {
    private Npz() {
    }

    /** A float32 array (row-major) and its shape. */
    public record FloatArray(float[] data, long... shape) {
    }

    /** Writes {@code arrays} in their iteration order, each as {@code <name>.npy} (float32, C order). */
    public static void writeFloats(Path file, Map<String, FloatArray> arrays) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (var e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                Npy.writeFloats(zip, e.getValue().data(), e.getValue().shape());
                zip.closeEntry();
            }
        }
    }
}
