package org.l96.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Defensive, order-keeping immutable copies for the spec records. */
final class Specs {
    private Specs() {
    }

    static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static <V> List<V> copy(List<V> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
