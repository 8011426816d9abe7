package org.l96.run.stages;

import org.l96.eval.OfflineScores;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline scores of a network (in its training's metrics, {@code networks.<network>.offline}) and of a
 * polynomial ({@code polynomials.<polynomial>.offline}, from its {@code fit-<polynomial>} stage): per segment
 * ({@link #VALIDATION}, {@link #TEST}; the test segment's entry is null when the data spec holds none out) the
 * pooled {@link #MSE} and {@link #R2} and their values per k, see {@link OfflineScores}.
 */
public final class OfflineOutputs {
    public static final String OFFLINE = "offline";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
    public static final String MSE = "mse";
    public static final String R2 = "r2";
    public static final String MSE_PER_K = "msePerK";
    public static final String R2_PER_K = "r2PerK";
    /** The segments in report order. */
    public static final List<String> SEGMENTS = List.of(VALIDATION, TEST);

    private OfflineOutputs() {
    }

    /**
     * The metric value: {@code {validation: {...}, test: {...} or null}}; arrays rows × K row-major; test arrays
     * null when there is no test segment. Non-finite numbers become null.
     */
    static Map<String, Object> scores(int k, double[] valPredicted, double[] valTruth, double[] testPredicted,
                                      double[] testTruth) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(VALIDATION, valTruth.length == 0 ? null : segment(OfflineScores.of(valPredicted, valTruth, k)));
        m.put(TEST, testTruth == null || testTruth.length == 0 ? null
                : segment(OfflineScores.of(testPredicted, testTruth, k)));
        return m;
    }

    /** The metric value from scores already computed (test null when there is no test segment). */
    static Map<String, Object> scores(OfflineScores validation, OfflineScores test) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(VALIDATION, validation == null ? null : segment(validation));
        m.put(TEST, test == null ? null : segment(test));
        return m;
    }

    private static Map<String, Object> segment(OfflineScores s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MSE, finite(s.mse()));
        m.put(R2, finite(s.r2()));
        m.put(MSE_PER_K, Arrays.stream(s.msePerK()).mapToObj(OfflineOutputs::finite).toList());
        m.put(R2_PER_K, Arrays.stream(s.r2PerK()).mapToObj(OfflineOutputs::finite).toList());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
