package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.SweepSpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sweep { vary 'world.forcing', 16, 18, 20; vary 'networks.ann.train.epochs', 10, 50; seeds 3 }}: run the
 * experiment at every combination of the values (paths as {@code l96 spec} prints them, values as after
 * {@code --set}).
 */
public final class SweepBuilder extends DslBuilder {
    public static final String COMBINE = Defaults.SWEEP_COMBINE.word();
    public static final int SEEDS = Defaults.SWEEP_SEEDS;

    private static final BigDecimal SMALL = new BigDecimal("1e-4");

    private final List<SweepSpec.Axis> axes = new ArrayList<>();
    private String combine = COMBINE;
    private int seeds = SEEDS;

    SweepBuilder(DslContext context) {
        super(context, "sweep");
    }

    @Override
    String blockName() {
        return "sweep";
    }

    /** One axis: a spec path and its values ({@code vary 'world.forcing', 16, 18, 20} or a list or range). */
    public SweepBuilder vary(String path, Object... values) {
        return vary(path, List.of(values));
    }

    public SweepBuilder vary(String path, List<?> values) {
        Origin at = here("vary");
        context.record(this.path + ".axes." + axes.size(), at);
        List<String> written = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof ErrorValue) {
                return this;
            }
            // an ensemble's every tells its old sample count (a whole number) from time units by the decimal point
            written.add(path.endsWith(".every") && isWholeDecimal(v) ? asWritten(v) + ".0" : asWritten(v));
        }
        // one value written twice (16, 16.0, 1.6e1): the same point twice; said here, at the vary line, with the
        // spellings as the script gives them
        java.util.Map<String, List<String>> spellings = new java.util.LinkedHashMap<>();
        List<String> source = sourceSpellings(at, path, written.size());
        for (int i = 0; i < written.size(); i++) {
            spellings.computeIfAbsent(written.get(i), k -> new ArrayList<>())
                    .add(source != null ? source.get(i) : spelling(values.get(i)));
        }
        spellings.forEach((value, as) -> {
            if (as.size() > 1) {
                context.issue(this.path + ".axes." + axes.size() + ".values", "vary '" + path + "' gives the value "
                        + value + " " + as.size() + " times (as " + String.join(", ", as)
                        + "): give each value once", at);
            }
        });
        axes.add(new SweepSpec.Axis(path, written));
        return this;
    }

    /**
     * Values as on the command line, numbers in one canonical form so that 16, 16.0 (Groovy's BigDecimal) and
     * 16.0 (a Java double) all read "16", and 1e-7 reads "1E-7" whichever way it was written.
     */
    /**
     * The values' text on the vary line ({@code 16, 16.0, 1.6e1} after the path), when the line holds exactly
     * {@code n} simple values; null otherwise (values over several lines, lists, expressions).
     */
    private List<String> sourceSpellings(Origin at, String path, int n) {
        String line = at == null || at.line() <= 0 ? null : context.sourceLine(at.line());
        if (line == null) {
            return null;
        }
        int p = Math.max(line.indexOf("'" + path + "'"), line.indexOf("\"" + path + "\""));
        if (p < 0) {
            return null;
        }
        String rest = line.substring(p + path.length() + 2).replaceFirst("//.*$", "").strip();
        if (!rest.startsWith(",")) {
            return null;
        }
        String[] parts = rest.substring(1).replaceFirst("\\)\\s*$", "").split(",");
        if (parts.length != n) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String t : parts) {
            String v = t.strip();
            if (v.isEmpty() || !v.matches("[-+0-9.eEgGdDlLfF_]+|'[^']*'|\"[^\"]*\"")) {
                return null;
            }
            out.add(v);
        }
        return out;
    }

    /** A value as the script spells it, as far as Groovy keeps it (1.6e1 is the BigDecimal 16; 16.0 keeps its .0). */
    private static String spelling(Object v) {
        return v instanceof String t ? "'" + t + "'" : v instanceof BigDecimal b ? b.toString() : String.valueOf(v);
    }

    static String asWritten(Object v) {
        if (v instanceof Number n && !(v instanceof Double d && !Double.isFinite(d))
                && !(v instanceof Float f && !Float.isFinite(f))) {
            BigDecimal d = (v instanceof BigDecimal b ? b : new BigDecimal(n.toString())).stripTrailingZeros();
            return d.scale() <= 0 || d.abs().compareTo(SMALL) >= 0 ? d.toPlainString() : d.toString();
        }
        return String.valueOf(v);
    }

    private static boolean isWholeDecimal(Object v) {
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().scale() <= 0;
        }
        return (v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())
                && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue());
    }

    /** {@code product} (every combination) or {@code zip} (the i-th values together). */
    public SweepBuilder combine(String combine) {
        set("combine", "combine");
        this.combine = combine;
        return this;
    }

    /** Repeat every point with this many seeds (the experiment's seed, seed+1, …). */
    public SweepBuilder seeds(int seeds) {
        set("seeds", "seeds");
        this.seeds = seeds;
        return this;
    }

    SweepSpec toSpec() {
        return new SweepSpec(combine, axes, seeds);
    }
}
