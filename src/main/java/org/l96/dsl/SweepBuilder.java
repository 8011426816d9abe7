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
        axes.add(new SweepSpec.Axis(path, written));
        return this;
    }

    /**
     * Values as on the command line, numbers in one canonical form so that 16, 16.0 (Groovy's BigDecimal) and
     * 16.0 (a Java double) all read "16", and 1e-7 reads "1E-7" whichever way it was written.
     */
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
