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
     * read as the DSL reads it; see {@link SpecPaths}.
     */
    public static ExperimentSpec withValue(ExperimentSpec spec, String path, String value) {
        return SpecPaths.set(spec, path, value);
    }

}
