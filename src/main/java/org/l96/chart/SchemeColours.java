package org.l96.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One colour per scheme for every figure of a run or of a sweep: the colours of {@link Palette} handed out once, in
 * the order the names are given (the run's {@code none}, its polynomials and networks in declaration order, then the
 * truth and the other reference runs), so that a scheme has the same colour in the trajectories, the forecast
 * curves, the PDFs and the sweep's figures. After ten names the cycle starts again.
 *
 * <p>A name that was not given (a figure's own extra line) gets the first colour after all given ones, in the order
 * asked, so it still differs from the declared schemes as long as the palette has colours left.
 */
public final class SchemeColours {

    private final Map<String, Integer> index = new LinkedHashMap<>();

    /** Colours for {@code names} in this order; a repeated name keeps its first colour. */
    public SchemeColours(List<String> names) {
        for (String n : Objects.requireNonNull(names, "names")) {
            index.putIfAbsent(Objects.requireNonNull(n, "name"), index.size());
        }
    }

    /** Colours in the order {@code groups} give them: e.g. {@code none}, the polynomials, the networks, truth. */
    @SafeVarargs
    public static SchemeColours inOrder(List<String>... groups) {
        List<String> all = new ArrayList<>();
        for (List<String> g : groups) {
            all.addAll(g);
        }
        return new SchemeColours(all);
    }

    /** The {@link Palette} index of {@code name}; a name not given gets the next free index (and keeps it). */
    public synchronized int of(String name) {
        return index.computeIfAbsent(name, n -> index.size());
    }

    /** The colour of {@code name}. */
    public java.awt.Color colour(String name) {
        return Palette.colour(of(name));
    }

    /** The names in colour order. */
    public synchronized List<String> names() {
        return List.copyOf(index.keySet());
    }
}
