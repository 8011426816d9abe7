package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class L96ParamsTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void rejectsInvalidFieldsWithNamedRule() {
        assertEquals("k must be at least 4, got 3", message(() -> new L96Params(3, 32, 18, 1, 10, 10)));
        assertEquals("j must be at least 1, got 0", message(() -> new L96Params(8, 0, 18, 1, 10, 10)));
        assertEquals("forcing must be finite, got NaN", message(() -> new L96Params(8, 32, Double.NaN, 1, 10, 10)));
        assertEquals("h must be finite, got Infinity",
                message(() -> new L96Params(8, 32, 18, Double.POSITIVE_INFINITY, 10, 10)));
        assertEquals("b must be finite, got -Infinity",
                message(() -> new L96Params(8, 32, 18, 1, Double.NEGATIVE_INFINITY, 10)));
        assertEquals("c must be finite, got NaN", message(() -> new L96Params(8, 32, 18, 1, 10, Double.NaN)));
        assertEquals("b must be non-zero (the coupling divides by b), got 0",
                message(() -> new L96Params(8, 32, 18, 1, 0, 10)));
    }

    @Test
    void defaultsAreTheSeedNotebooksWorld() {
        L96Params d = L96Params.DEFAULT;
        assertEquals(new L96Params(8, 32, 18.0, 1.0, 10.0, 10.0), d);
        assertEquals(256, d.fastSize());
        assertEquals(1.0, d.hcOverB(), 0.0);
        assertEquals(8.0, d.withForcing(8.0).forcing(), 0.0);
        new L96Params(4, 1, 0, 0, -1, 0); // smallest valid shape; zero h and c are allowed
    }
}
