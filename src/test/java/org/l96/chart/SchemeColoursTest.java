package org.l96.chart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Colours are handed out once, in the order given, and stay put however often and in whatever order asked. */
class SchemeColoursTest {
    @Test
    void colourOrderIsTheDeclarationOrderAndStable() {
        SchemeColours c = SchemeColours.inOrder(List.of("none"), List.of("cubic"), List.of("ann", "ann2"),
                List.of("truth"));
        assertEquals(List.of(0, 1, 2, 3, 4), List.of(c.of("none"), c.of("cubic"), c.of("ann"), c.of("ann2"),
                c.of("truth")));
        // asked in another order (a figure comparing ann before none): the same colours
        assertEquals(2, c.of("ann"));
        assertEquals(0, c.of("none"));
        assertEquals(Palette.GREEN, c.colour("ann"));
        // a name not declared takes the next free colour and keeps it
        assertEquals(5, c.of("extra"));
        assertEquals(5, c.of("extra"));
        assertNotEquals(c.colour("none"), c.colour("extra"));
        // a repeated name keeps its first place
        assertEquals(1, new SchemeColours(List.of("a", "b", "a")).of("b"));
        // after ten the cycle starts again
        SchemeColours many = new SchemeColours(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        assertEquals(Palette.colour(0), many.colour("10"));
    }
}
