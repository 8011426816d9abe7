package org.l96.dsl;

import org.l96.spec.Suggest;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Named arguments of one call ({@code validation last: 4000}, {@code adam(lr: 0.003, weightDecay: 0.1)}): unknown
 * names and values of the wrong type are reported at the call's line, and the value then falls back to the default.
 */
final class Options {
    private final DslBuilder builder;
    private final String word;
    private final Map<?, ?> values;
    private final Origin at;
    private boolean unknownNames;

    Options(DslBuilder builder, String word, Map<?, ?> values, Origin at, List<String> allowed) {
        this.builder = builder;
        this.word = word;
        this.values = values == null ? Map.of() : values;
        this.at = at;
        for (Object key : this.values.keySet()) {
            String name = String.valueOf(key);
            if (!allowed.contains(name)) {
                unknownNames = true;
                builder.issue(null, word + " has no option '" + name + "'" + Suggest.closest(name, allowed)
                        .map(s -> "; did you mean '" + s + "'?").orElse("; options: " + String.join(", ", allowed)), at);
            }
        }
    }

    /** Whether a name was not an option (reported already; the call's meaning is then unclear). */
    boolean hadUnknownNames() {
        return unknownNames;
    }

    Origin at() {
        return at;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    int whole(String key, int fallback) {
        Object v = values.get(key);
        if (v == null && !values.containsKey(key)) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            long l = ((Number) v).longValue();
            if (l == (int) l) {
                return (int) l;
            }
        }
        wrongType(key, "a whole number", v);
        return fallback;
    }

    Integer whole(String key) {
        return has(key) ? whole(key, 0) : null;
    }

    double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null && !values.containsKey(key)) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        wrongType(key, "a number", v);
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null && !values.containsKey(key)) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        wrongType(key, "true or false", v);
        return fallback;
    }

    String text(String key, String fallback) {
        Object v = values.get(key);
        if (v == null && !values.containsKey(key)) {
            return fallback;
        }
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        wrongType(key, "a word in quotes", v);
        return fallback;
    }

    private void wrongType(String key, String expected, Object v) {
        if (!(v instanceof ErrorValue)) {
            builder.issue(null, word + " " + key + ": takes " + expected + ", got " + Words.given(v), at);
        }
    }
}
