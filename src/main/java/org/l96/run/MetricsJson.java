package org.l96.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.l96.spec.SpecJson;

import java.io.IOException;

/**
 * JSON of metrics ({@code stage.json}, {@code manifest.json}, sweep summaries): a metric that has no value is written
 * as {@code null}, never left out, and a number that is not finite (NaN, ±Infinity) is written as {@code null} too,
 * never as the string "NaN" nor as a number: an unstable run or a diverged training has no score, and a reader must
 * not be able to take one for it.
 */
public final class MetricsJson {
    private static final ObjectMapper MAPPER = SpecJson.mapper().copy()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .registerModule(new SimpleModule("finite-or-null")
                    .addSerializer(Double.class, new FiniteOrNull<>(Double.class))
                    .addSerializer(Double.TYPE, new FiniteOrNull<>(Double.TYPE))
                    .addSerializer(Float.class, new FiniteOrNull<>(Float.class))
                    .addSerializer(Float.TYPE, new FiniteOrNull<>(Float.TYPE)));

    private MetricsJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A metric value as a tree, nulls kept and non-finite numbers made null. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static final class FiniteOrNull<T extends Number> extends StdSerializer<T> {
        FiniteOrNull(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                g.writeNull();
            } else if (value instanceof Float f) {
                g.writeNumber(f);
            } else {
                g.writeNumber(d);
            }
        }
    }
}
