package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.l96.testsupport.GoldenFiles;

/** Loading of the golden files (test resources, see {@link GoldenFiles}) and the numeric helpers the tests share. */
final class Golden {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {
    }

    /** The golden folder in the test resources; its absence is a failure, never a skip. */
    static Path dir() {
        return GoldenFiles.dir();
    }

    static JsonNode load(String name) {
        return GoldenFiles.load(name);
    }

    static JsonNode resource(String name) {
        try (InputStream in = Golden.class.getResourceAsStream(name)) {
            if (in == null) {
                fail("test resource missing: " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot parse resource " + name + ": " + e.getMessage(), e);
        }
    }

    static double[] vec(JsonNode a) {
        assertTrue(a != null && a.isArray(), "expected a JSON array");
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).asDouble();
        }
        return r;
    }

    /** A 2-D JSON array flattened row-major. */
    static double[] flat(JsonNode rows) {
        assertTrue(rows != null && rows.isArray() && rows.size() > 0, "expected a non-empty 2-D JSON array");
        int w = rows.get(0).size();
        double[] r = new double[rows.size() * w];
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertTrue(row.size() == w, "ragged row " + i);
            for (int j = 0; j < w; j++) {
                r[i * w + j] = row.get(j).asDouble();
            }
        }
        return r;
    }

    /** Relative max-norm error max|a - e| / max|e| (NaN anywhere counts as infinite error). */
    static double relErr(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            fail("length " + actual.length + " != expected " + expected.length);
        }
        double num = 0.0;
        double den = 0.0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            num = Math.max(num, d);
            den = Math.max(den, Math.abs(expected[i]));
        }
        return den == 0.0 ? num : num / den;
    }

    static void assertRel(double[] actual, double[] expected, double tol, String what) {
        double e = relErr(actual, expected);
        if (Boolean.getBoolean("golden.verbose")) {
            System.out.println(what + ": " + e);
        }
        assertTrue(e <= tol, what + ": relative max-norm error " + e + " exceeds " + tol);
    }

    static double[] slice(double[] a, int from, int len) {
        double[] r = new double[len];
        System.arraycopy(a, from, r, 0, len);
        return r;
    }
}
