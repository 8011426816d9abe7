package org.l96.nn;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test-scope integrator against the golden trajectory, so the agreement data follow the notebook's conventions. */
class L96TestDataTest {

    @Test
    void reproducesTheGoldenTrajectory() throws Exception {
        JsonNode g = L96TestData.golden("two_scale_rk4_trajectory.json");
        double[][] run = L96TestData.seedTruth(100);
        double worstX = 0;
        double worstC = 0;
        double scaleX = 0;
        double scaleC = 0;
        for (int n = 0; n <= 100; n++) {
            double[] x = L96TestData.doubles(g.get("X_hist").get(n));
            double[] c = L96TestData.doubles(g.get("coupling_hist").get(n));
            for (int k = 0; k < 8; k++) {
                worstX = Math.max(worstX, Math.abs(x[k] - run[0][n * 8 + k]));
                worstC = Math.max(worstC, Math.abs(c[k] - run[1][n * 8 + k]));
                scaleX = Math.max(scaleX, Math.abs(x[k]));
                scaleC = Math.max(scaleC, Math.abs(c[k]));
            }
        }
        assertTrue(worstX <= 1e-8 * scaleX, "X: " + worstX / scaleX);
        assertTrue(worstC <= 1e-7 * scaleC, "coupling: " + worstC / scaleC);
    }
}
