package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON of specs: one fixed mapper (component order, nulls left out, unknown fields rejected), dotted-path
 * edits for {@code --set} and sweeps, and content hashes for stage keys.
 */
public final class SpecJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private SpecJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty canonical JSON, as {@code l96 spec} prints it. */
    public static String toJson(ExperimentSpec spec) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize spec", e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static ExperimentSpec fromJson(String json) {
        try {
            return MAPPER.readValue(json, ExperimentSpec.class);
        } catch (JsonProcessingException e) {
            throw new SpecException("", "not a valid experiment spec: " + e.getOriginalMessage());
        }
    }

    public static ExperimentSpec fromTree(JsonNode tree) {
        try {
            return MAPPER.treeToValue(tree, ExperimentSpec.class);
        } catch (JsonProcessingException e) {
            throw new SpecException("", "not a valid experiment spec: " + e.getOriginalMessage());
        }
    }

    /** SHA-256 (hex, first 16 characters) of the compact canonical JSON of any spec part or key material. */
    public static String hash(Object value) {
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(value instanceof JsonNode n ? n : toTree(value));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash", e);
        }
    }

    public static String hashText(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The spec with the field at {@code path} (dotted; map keys and list indices as segments) set to {@code value},
     * which is read as JSON when it parses as JSON (numbers, true/false, null, arrays, quoted strings) and as a plain
     * string otherwise.
     */
    public static ExperimentSpec withValue(ExperimentSpec spec, String path, String value) {
        ObjectNode tree = (ObjectNode) toTree(spec);
        set(tree, path, parseValue(value));
        return fromTreeAt(tree, path);
    }

    private static ExperimentSpec fromTreeAt(JsonNode tree, String path) {
        try {
            return MAPPER.treeToValue(tree, ExperimentSpec.class);
        } catch (JsonProcessingException e) {
            throw new SpecException(path, "value does not fit: " + e.getOriginalMessage());
        }
    }

    static JsonNode parseValue(String value) {
        String v = value.trim();
        try {
            JsonNode node = MAPPER.readTree(v);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (JsonProcessingException ignored) {
            // not JSON: a plain word such as relu or non-local
        }
        return TextNode.valueOf(value);
    }

    static void set(ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        JsonNode node = root;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String seg = segments[i];
            // a missing last field may be an optional one left out as null; deserialization rejects unknown ones
            boolean last = i == segments.length - 1;
            if (node instanceof ObjectNode obj) {
                if (!obj.has(seg) && !last) {
                    throw new SpecException(path, "no field '" + seg + "'" + (walked.length() == 0 ? "" : " in "
                            + walked) + "; fields here: " + String.join(", ", fieldNames(obj)));
                }
                if (last) {
                    obj.set(seg, value);
                    return;
                }
                node = obj.get(seg);
            } else if (node instanceof ArrayNode arr) {
                int index;
                try {
                    index = Integer.parseInt(seg);
                } catch (NumberFormatException e) {
                    throw new SpecException(path, "'" + walked + "' is a list: use an index 0.." + (arr.size() - 1));
                }
                if (index < 0 || index >= arr.size()) {
                    throw new SpecException(path, "index " + index + " is outside 0.." + (arr.size() - 1));
                }
                if (last) {
                    arr.set(index, value);
                    return;
                }
                node = arr.get(index);
            } else {
                throw new SpecException(path, "'" + walked + "' is a value, not an object or list");
            }
            walked.append(walked.length() == 0 ? "" : ".").append(seg);
        }
    }

    private static List<String> fieldNames(ObjectNode obj) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
