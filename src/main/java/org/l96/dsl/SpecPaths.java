package org.l96.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecException;
import org.l96.spec.SpecJson;
import org.l96.spec.Suggest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Plain-language reasons why a dotted spec path (of {@code --set} or a sweep axis) could not be set. */
final class SpecPaths {
    private SpecPaths() {
    }

    /**
     * "no field 'forcin' in world; did you mean 'forcing'?" when {@code path} names a field the spec does not have;
     * empty when the path exists (then the value was the trouble). {@code failure} is what
     * {@link SpecJson#withValue} threw: optional fields that are unset are missing from the JSON too, so a missing
     * last segment counts as unknown only when deserialization said so.
     */
    static Optional<String> unknownField(ExperimentSpec spec, String path, SpecException failure) {
        boolean rejected = failure.problems().stream().anyMatch(p -> p.message().contains("Unrecognized field"));
        JsonNode node = SpecJson.toTree(spec);
        String[] segments = path.split("\\.");
        String walked = "";
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            if (!node.has(segment)) {
                if (i == segments.length - 1 && !rejected) {
                    return Optional.empty();
                }
                List<String> fields = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    fields.add(it.next());
                }
                String in = walked.isEmpty() ? "" : " in " + walked;
                return Optional.of(Suggest.closest(segment, fields)
                        .map(s -> "no field '" + segment + "'" + in + "; did you mean '" + s + "'?")
                        .orElse("no field '" + segment + "'" + in + "; fields here: " + String.join(", ", fields)));
            }
            node = node.get(segment);
            walked = walked.isEmpty() ? segment : walked + "." + segment;
        }
        return Optional.empty();
    }
}
