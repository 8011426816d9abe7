package org.l96.run.stages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "every 2nd stored sample", not "every 2th": English ordinals, the teens included. */
class OrdinalTest {
    @Test
    void ordinalsHaveTheirEnglishSuffixes() {
        String[] expected = {"1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th", "1002nd"};
        int[] n = {1, 2, 3, 4, 10, 11, 12, 13, 21, 22, 23, 101, 111, 112, 1002};
        for (int i = 0; i < n.length; i++) {
            assertEquals(expected[i], ChartStage.ordinal(n[i]));
        }
    }
}
