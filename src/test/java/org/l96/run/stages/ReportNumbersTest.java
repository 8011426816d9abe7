package org.l96.run.stages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Numbers in the report: whole numbers as integers, others to their significant digits without trailing zeros. */
class ReportNumbersTest {
    @Test
    void wholeNumbersAreIntegersAndOthersKeepTheirSignificantDigits() {
        assertEquals("6001", ReportStage.number(6001.0, 3));
        assertEquals("1", ReportStage.number(1.0, 6));
        assertEquals("-3", ReportStage.number(-3.0, 6));
        assertEquals("4.0028", ReportStage.number(4.0028, 6));
        assertEquals("4", ReportStage.number(4.0028, 1));
        assertEquals("2.34", ReportStage.number(2.3448, 3));
        assertEquals("2.35", ReportStage.number(2.3451, 3));
        assertEquals("0.0125", ReportStage.number(0.0125, 3));
        assertEquals("3.1e-5", ReportStage.number(3.1e-5, 3));
        assertEquals("54800", ReportStage.number(54829.3, 3));
        assertEquals("-2e+20".replace("+", ""), ReportStage.number(-2e20, 3));
        assertEquals("NaN", ReportStage.number(Double.NaN, 3));
    }
}
