package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Sets spec fields by dotted path ({@code --set world.forcing=20}, sweep axes), speaking the words of the DSL:
 * every mistake names the path, what is there (the fields, names or indices with a "did you mean"), and the type the
 * value must have. Map keys (network names, …) and list indices are path segments.
 *
 * <p>The {@code type} of an optimizer, a schedule or a layer can be switched ({@code optimizer.type=sgd}, or
 * {@code optimizer=sgd}): the new type starts from the DSL's defaults ({@link Defaults}); an optimizer keeps the
 * fields the new type also has (lr, weightDecay, …); fields without a default (a step schedule's stepSize) must be set
 * by later paths of the same edit, else {@link Editor#result()} says which are missing.
 *
 * <p>A change of a network's {@code layers} or {@code features} is made to the networks that continue it too
 * ({@code network('b', continues: 'a')}), whose layers and features are a's by rule.
 *
 * <p>Values are read as the DSL reads them: whole numbers for counts (1.5 is refused, not truncated), numbers
 * (NaN and ±Infinity are numbers, left to the validator), true/false, words (quotes optional), lists
 * {@code [1, 0.5]} / {@code [none, ann]}, and {@code null} for optional fields.
 */
public final class SpecPaths {
    /** Characters a name that becomes a path segment (a network's, an evaluation's, …) may use. */
    public static final Pattern SEGMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    public static final String SEGMENT_NAME_RULE = "must start with a letter or digit and use only letters, digits, "
            + "'_' and '-'";

    /** The rule for a name that is a key of {@code mapField} ("networks"), saying why it has no '.'. */
    public static String segmentNameRule(String mapField) {
        return SEGMENT_NAME_RULE + " (it is one segment of paths such as " + mapField + ".NAME." + "…, which a '.' "
                + "would split)";
    }

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Map<String, String> ENTRY = Map.of("networks", "network", "polynomials", "polynomial",
            "lrRangeTests", "LR range test", "evaluations", "evaluation");

    private SpecPaths() {
    }

    /** A path that does not exist (as opposed to a value that does not fit an existing one). */
    public static final class PathException extends SpecException {
        public PathException(String path, String message) {
            super(path, message);
        }
    }

    /** The spec with {@code path} set to {@code value}. */
    public static ExperimentSpec set(ExperimentSpec spec, String path, String value) {
        Editor e = edit(spec);
        e.set(path, value);
        return e.result();
    }

    /** The spec with every {@code path → value} set, in order (a switch of type first, then its fields). */
    public static ExperimentSpec set(ExperimentSpec spec, Map<String, String> values) {
        Editor e = edit(spec);
        values.forEach(e::set);
        return e.result();
    }

    public static Editor edit(ExperimentSpec spec) {
        return new Editor(spec);
    }

    /** Edits of one spec, applied in order; a failed edit changes nothing. */
    public static final class Editor {
        private final ObjectNode root;
        /** Type switches (by the path of the switched part) whose fields may still be missing. */
        private final Map<String, Switch> switched = new LinkedHashMap<>();

        /** {@code path} (as given) switched the part at {@code partPath} to a type of {@code kind}. */
        private record Switch(String path, Class<?> kind) {
        }

        private Editor(ExperimentSpec spec) {
            root = (ObjectNode) SpecJson.toTree(spec);
        }

        /**
         * Sets one field. Throws a {@link PathException} when the path does not exist, a {@link SpecException}
         * (at {@code path}) when the value does not fit.
         */
        public void set(String path, String value) {
            setOne(path, value);
            String[] s = path.split("\\.");
            if (s.length >= 3 && s[0].equals("networks") && (s[2].equals("layers") || s[2].equals("features"))) {
                follow(s[1], path.substring(("networks." + s[1]).length()), value, new java.util.HashSet<>());
            }
        }

        /** A network that continues {@code base} has its layers and features by rule: they follow the base's. */
        private void follow(String base, String rest, String value, java.util.Set<String> done) {
            done.add(base);
            for (String other : names(root.path("networks"))) {
                if (!done.contains(other)
                        && base.equals(root.path("networks").path(other).path("continueFrom").asText(null))) {
                    try {
                        setOne("networks." + other + rest, value);
                    } catch (SpecException ignored) {
                        continue; // its layers differ already: the validator says so
                    }
                    follow(other, rest, value, done);
                }
            }
        }

        private void setOne(String path, String value) {
            if (path == null || path.isBlank()) {
                throw new PathException("", "give a path, e.g. world.forcing");
            }
            String[] segments = path.split("\\.", -1);
            Type type = ExperimentSpec.class;
            JsonNode node = root;
            String walked = "";
            for (int i = 0; i < segments.length; i++) {
                String seg = segments[i];
                boolean last = i == segments.length - 1;
                if (seg.isEmpty()) {
                    throw new PathException(path, "empty segment in '" + path + "'");
                }
                Class<?> raw = rawClass(type);
                if (Map.class.isAssignableFrom(raw)) {
                    String kind = ENTRY.getOrDefault(walked, "entry");
                    String rest = String.join(".", java.util.Arrays.asList(segments).subList(i, segments.length));
                    for (String key : names(node)) {
                        if (key.contains(".") && (rest.equals(key) || rest.startsWith(key + "."))) {
                            throw new PathException(path, kind + " name '" + key + "' has a '.', so paths cannot "
                                    + "reach it: rename it in the script (a name " + SEGMENT_NAME_RULE + ")");
                        }
                    }
                    if (!node.has(seg)) {
                        List<String> names = names(node);
                        throw new PathException(path, "no " + kind + " named '" + seg + "'"
                                + Suggest.closest(seg, names).map(s -> "; did you mean '" + s + "'?").orElse(
                                names.isEmpty() ? "; none is declared" : "; declared: " + String.join(", ", names))
                                + (last ? "" : " (a path cannot add a " + kind + "; declare it in the script)"));
                    }
                    if (last) {
                        throw new SpecException(path, "'" + path + "' is a whole " + kind + "; set one of its fields: "
                                + fieldList(typeArg(type, 1), node.get(seg)));
                    }
                    type = typeArg(type, 1);
                    node = node.get(seg);
                } else if (List.class.isAssignableFrom(raw)) {
                    int index;
                    String range = node.size() == 0 ? "it is empty" : "use an index 0.." + (node.size() - 1);
                    try {
                        index = Integer.parseInt(seg);
                    } catch (NumberFormatException e) {
                        throw new PathException(path, "'" + walked + "' is a list, indexed by numbers: " + range
                                + " (not '" + seg + "')");
                    }
                    if (index < 0 || index >= node.size()) {
                        throw new PathException(path, "'" + walked + "' has " + node.size() + " entr"
                                + (node.size() == 1 ? "y" : "ies") + "; index " + index + " is outside: " + range);
                    }
                    Type element = typeArg(type, 0);
                    if (last && isPolymorphic(rawClass(element))) { // layers.1=dropout: a switch of type
                        ArrayNode list = (ArrayNode) node;
                        int at = index;
                        switchType(path, walked + "." + seg, rawClass(element), (ObjectNode) node.get(index),
                                v -> list.set(at, v), value);
                        return;
                    }
                    if (last) {
                        JsonNode v = List.class.isAssignableFrom(rawClass(element)) || isPart(rawClass(element))
                            ? setAt(path, element, node.get(index), value, walked + "." + seg, null, null)
                            : leaf(value, element, walked + "." + seg, false);
                        ((ArrayNode) node).set(index, v);
                        return;
                    }
                    type = element;
                    node = node.get(index);
                } else if (isPart(raw)) {
                    Class<?> concrete = concreteClass(raw, node);
                    String here = describePart(walked, raw, concrete);
                    if (isPolymorphic(raw) && seg.equals("type")) {
                        if (!last) {
                            throw new PathException(path, "'" + walked + ".type' is a value (" + describeType(raw)
                                    + "), not a block: it has no '" + segments[i + 1] + "'");
                        }
                        switchType(path, walked, raw, (ObjectNode) node, parentSetter(walked), value);
                        return;
                    }
                    RecordComponent component = component(concrete, seg);
                    if (component == null) {
                        throw new PathException(path, unknownField(seg, here, raw, concrete, walked));
                    }
                    Type fieldType = component.getGenericType();
                    JsonNode child = node.get(seg);
                    String childPath = walked.isEmpty() ? seg : walked + "." + seg;
                    if (isNumberMap(fieldType)) { // a noise's sigmas: set by entry, like phi, given or fitted
                        setNumberMap(path, (ObjectNode) node, concrete, seg, childPath,
                                last ? null : segments[i + 1], i + 2 < segments.length, value);
                        return;
                    }
                    if (last) {
                        if (isPolymorphic(rawClass(fieldType))) { // optimizer=sgd: a switch of type
                            if (child == null || !child.isObject()) {
                                throw new SpecException(path, "'" + childPath + "' is not set");
                            }
                            ObjectNode owner = (ObjectNode) node;
                            switchType(path, childPath, rawClass(fieldType), (ObjectNode) child,
                                    v -> owner.set(seg, v), value);
                            return;
                        }
                        JsonNode v = setAt(path, fieldType, child, value, childPath, concrete, seg);
                        ((ObjectNode) node).set(seg, v);
                        return;
                    }
                    if (child == null || child.isNull()) {
                        throw new SpecException(path, "'" + childPath + "' is not set in the script, so it has no '"
                                + segments[i + 1] + "' to change; declare " + seg + " in the script first");
                    }
                    type = fieldType;
                    node = child;
                } else {
                    throw new PathException(path, "'" + walked + "' is a value (" + describeType(type)
                            + "), not a block: it has no '" + seg + "'");
                }
                walked = walked.isEmpty() ? seg : walked + "." + seg;
            }
        }

        /**
         * Sets a map of numbers ({@code noise.sigmas}): one entry ({@code key}, added when the map may hold it, the
         * map created when the script left it unset), or the whole map ({@code key} null) as {@code null} (all
         * fitted) or {@code {sigma0: 1.5, sigma1: 0.1}}. Nothing changes when the edit fails.
         */
        private void setNumberMap(String path, ObjectNode owner, Class<?> ownerType, String field, String mapPath,
                                  String key, boolean deeper, String value) {
            JsonNode current = owner.get(field);
            List<String> allowed = numberMapKeys(owner, ownerType, current);
            String what = ownerType == NoiseSpec.class ? "standard deviation of " + owner.path("form").asText()
                    + " noise" : "entry";
            String takes = allowed.isEmpty() ? "none" : String.join(", ", allowed);
            if (key != null) {
                if (deeper) {
                    throw new PathException(path, "'" + mapPath + "." + key + "' is a value (a number), not a "
                            + "block");
                }
                if (!allowed.contains(key)) {
                    throw new PathException(path, "no " + what + " named '" + key + "'"
                            + Suggest.closest(key, allowed).map(x -> "; did you mean '" + x + "'?").orElse("")
                            + "; it takes: " + takes);
                }
                JsonNode v = leaf(value, Double.class, mapPath + "." + key, false);
                ObjectNode map = current instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
                map.set(key, v);
                owner.set(field, map);
                return;
            }
            String v = value.trim();
            if (v.equals("null")) {
                owner.set(field, NullNode.getInstance());
                return;
            }
            String example = allowed.stream().map(k -> k + ": 1").collect(java.util.stream.Collectors.joining(", "));
            String usage = "'" + mapPath + "' takes null (all fitted) or {" + example + "}, or set one entry: "
                    + mapPath + "." + (allowed.isEmpty() ? "NAME" : allowed.get(0)) + "=…";
            if (!(v.startsWith("{") && v.endsWith("}"))) {
                throw new SpecException(path, usage + "; got '" + v + "'");
            }
            ObjectNode map = JsonNodeFactory.instance.objectNode();
            String inner = v.substring(1, v.length() - 1).trim();
            for (String item : inner.isEmpty() ? new String[0] : inner.split(",")) {
                int colon = item.indexOf(':');
                if (colon < 0) {
                    throw new SpecException(path, usage + "; got '" + v + "'");
                }
                String k = unquote(item.substring(0, colon).trim());
                if (!allowed.contains(k)) {
                    throw new PathException(path, "no " + what + " named '" + k + "'"
                            + Suggest.closest(k, allowed).map(x -> "; did you mean '" + x + "'?").orElse("")
                            + "; it takes: " + takes);
                }
                map.set(k, leaf(item.substring(colon + 1), Double.class, mapPath + "." + k, false));
            }
            owner.set(field, map);
        }

        /** The keys a map of numbers may hold: a noise's form's standard deviations, else the keys it has. */
        private static List<String> numberMapKeys(ObjectNode owner, Class<?> ownerType, JsonNode current) {
            if (ownerType == NoiseSpec.class) {
                var form = Vocabulary.find(Vocabulary.NoiseForm.class, owner.path("form").asText());
                if (form.isPresent()) {
                    return form.get().parameters();
                }
            }
            return current == null || current.isNull() ? List.of() : names(current);
        }

        /** Replacing a part means setting its parent's field; found again from the root at switch time. */
        private java.util.function.Consumer<JsonNode> parentSetter(String partPath) {
            int dot = partPath.lastIndexOf('.');
            String parentPath = dot < 0 ? "" : partPath.substring(0, dot);
            String key = partPath.substring(dot + 1);
            JsonNode parent = at(parentPath);
            return v -> {
                if (parent instanceof ObjectNode o) {
                    o.set(key, v);
                } else if (parent instanceof ArrayNode a) {
                    a.set(Integer.parseInt(key), v);
                }
            };
        }

        private JsonNode at(String path) {
            JsonNode n = root;
            if (path.isEmpty()) {
                return n;
            }
            for (String s : path.split("\\.")) {
                n = n == null ? null : n.isArray() ? n.get(Integer.parseInt(s)) : n.get(s);
            }
            return n;
        }

        private void switchType(String path, String partPath, Class<?> kind, ObjectNode part,
                                java.util.function.Consumer<JsonNode> replace, String value) {
            Map<String, Class<?>> types = subtypes(kind);
            String word = unquote(value.trim());
            String current = part.path("type").asText();
            if (!types.containsKey(word)) {
                throw new SpecException(path, "'" + word + "' is not " + article(kindName(kind)) + "; one of "
                        + String.join(", ", types.keySet())
                        + Suggest.closest(word, types.keySet()).map(s -> " (did you mean '" + s + "'?)").orElse(""));
            }
            if (word.equals(current)) {
                return;
            }
            if (!Defaults.SWITCHABLE.contains(kind)) {
                throw new SpecException(path, "'" + partPath + "' is " + article(current + " " + kindName(kind))
                        + "; a path cannot change what kind of " + kindName(kind) + " it is: declare "
                        + article(word + " " + kindName(kind)) + " in the script");
            }
            Class<?> target = types.get(word);
            ObjectNode next = JsonNodeFactory.instance.objectNode();
            next.put("type", word);
            for (RecordComponent c : target.getRecordComponents()) {
                String f = c.getName();
                if (Defaults.keepsCommonFields(kind) && part.has(f)) {
                    next.set(f, part.get(f));
                } else if (Defaults.of(target).containsKey(f)) {
                    next.set(f, SpecJson.toTree(Defaults.of(target).get(f)));
                }
            }
            replace.accept(next);
            switched.put(partPath, new Switch(path, kind));
        }

        /**
         * The edited spec. A {@link SpecException} names fields a switch of type left without a value (at the path
         * of that type), or a value the spec cannot hold.
         */
        public ExperimentSpec result() {
            List<Problem> problems = new ArrayList<>();
            for (Map.Entry<String, Switch> s : switched.entrySet()) {
                JsonNode part = at(s.getKey());
                Class<?> kind = s.getValue().kind();
                String type = part == null ? "" : part.path("type").asText();
                Class<?> target = subtypes(kind).get(type);
                if (!(part instanceof ObjectNode o) || target == null) {
                    continue;
                }
                if (target == ScheduleSpec.Cyclic.class && !o.has("stepSizeDown") && o.has("stepSizeUp")) {
                    o.set("stepSizeDown", o.get("stepSizeUp")); // as many batches down as up, as cyclic(..) says
                }
                List<String> missing = new ArrayList<>();
                for (RecordComponent c : target.getRecordComponents()) {
                    boolean followsUp = target == ScheduleSpec.Cyclic.class && c.getName().equals("stepSizeDown");
                    if (!o.has(c.getName()) && c.getType().isPrimitive() && !followsUp) {
                        missing.add(c.getName() + " (" + describeType(c.getGenericType()) + ")");
                    }
                }
                if (!missing.isEmpty()) {
                    problems.add(new Problem(s.getValue().path(), article(type + " " + kindName(kind)) + " needs "
                            + String.join(", ", missing) + ", which " + (missing.size() == 1 ? "has" : "have")
                            + " no default: set " + (missing.size() == 1 ? "it" : "them") + " too, e.g. "
                            + s.getKey() + "." + missing.get(0).substring(0, missing.get(0).indexOf(' ')) + "=…"));
                }
            }
            if (!problems.isEmpty()) {
                throw new SpecException(problems);
            }
            try {
                return SpecJson.mapper().treeToValue(root, ExperimentSpec.class);
            } catch (JsonProcessingException e) {
                throw new SpecException("", "the edited spec does not fit: " + e.getOriginalMessage());
            }
        }

        private JsonNode setAt(String path, Type type, JsonNode current, String value, String fieldPath,
                               Class<?> owner, String field) {
            Class<?> raw = rawClass(type);
            String v = value.trim();
            if (owner == EvaluationSpec.Ensemble.class && "every".equals(field) && WHOLE.matcher(v).matches()) {
                double si = root.path("simulation").path("sampleInterval").asDouble(0.01);
                long n = Long.parseLong(v.replace("+", ""));
                throw new SpecException(path, EvaluationSpec.Ensemble.everyInSamplesMessage(n, si));
            }
            if (List.class.isAssignableFrom(raw)) {
                Type element = typeArg(type, 0);
                List<String> items = listItems(v);
                if (items == null) {
                    throw new SpecException(path, "'" + fieldPath + "' is " + describeType(type) + ", written "
                            + example(type) + "; got '" + v + "' (or set one entry: " + fieldPath + ".0=…)");
                }
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                for (String item : items) {
                    array.add(leaf(item, element, fieldPath, false));
                }
                return array;
            }
            if (isPart(raw) || Map.class.isAssignableFrom(raw)) {
                if (isPart(raw) && (current == null || current.isNull())) {
                    // an optional block the script leaves out (earlyStopping, say): --set cannot switch it on
                    throw new SpecException(path, "'" + fieldPath + "' is not set in the script, and --set changes "
                            + "only what a script declares: declare it in the script first (its fields: "
                            + fieldList(type, null) + ")");
                }
                throw new SpecException(path, "'" + fieldPath + "' is a block; set one of its fields: "
                        + fieldList(type, current));
            }
            return leaf(v, type, fieldPath, true);
        }
    }

    /** The JSON of {@code text} as a value of {@code type}, or a SpecException saying what the type takes. */
    static JsonNode leaf(String text, Type type, String fieldPath, boolean nullable) {
        Class<?> raw = rawClass(type);
        String v = text.trim();
        boolean optional = nullable && !raw.isPrimitive();
        if (optional && v.equals("null")) {
            return NullNode.getInstance();
        }
        String expected = "'" + fieldPath + "' takes " + describeType(type) + (optional && raw != String.class
                ? " (or null: unset)" : "");
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            BigDecimal d = decimal(v);
            if (d == null || d.stripTrailingZeros().scale() > 0) {
                throw new SpecException(fieldPath, expected + ", got '" + v + "'");
            }
            boolean isInt = raw == int.class || raw == Integer.class;
            BigDecimal max = BigDecimal.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
            BigDecimal min = BigDecimal.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
            if (d.compareTo(max) > 0 || d.compareTo(min) < 0) {
                throw new SpecException(fieldPath, "'" + v + "' is too large for " + describeType(type)
                        + " (at most " + max.toPlainString() + ")");
            }
            return isInt ? IntNode.valueOf(d.intValueExact()) : LongNode.valueOf(d.longValueExact());
        }
        if (raw == double.class || raw == Double.class) {
            switch (v) {
                case "NaN":
                    return DoubleNode.valueOf(Double.NaN);
                case "Infinity", "+Infinity":
                    return DoubleNode.valueOf(Double.POSITIVE_INFINITY);
                case "-Infinity":
                    return DoubleNode.valueOf(Double.NEGATIVE_INFINITY);
                default:
                    break;
            }
            BigDecimal d = decimal(v);
            if (d == null) {
                throw new SpecException(fieldPath, expected + ", got '" + v + "'");
            }
            double x = d.doubleValue();
            if (Double.isInfinite(x)) {
                throw new SpecException(fieldPath, "'" + v + "' is beyond the range of a number (about ±1.8e308)");
            }
            return DoubleNode.valueOf(x);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (v.equals("true") || v.equals("false")) {
                return BooleanNode.valueOf(Boolean.parseBoolean(v));
            }
            throw new SpecException(fieldPath, expected + ", got '" + v + "'");
        }
        if (raw == String.class) {
            return TextNode.valueOf(unquote(v));
        }
        throw new SpecException(fieldPath, "'" + fieldPath + "' cannot be set by a path");
    }

    private static BigDecimal decimal(String text) {
        String v = text.matches("[+-]?\\d[\\d_]*\\d(\\..*)?") ? text.replace("_", "") : text; // 20_000, as in Groovy
        if (!v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        try {
            return new BigDecimal(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** The items of {@code [a, b]} (JSON or bare words), or null when it is not a bracketed list. */
    private static List<String> listItems(String v) {
        if (!(v.startsWith("[") && v.endsWith("]"))) {
            return null;
        }
        String inner = v.substring(1, v.length() - 1).trim();
        List<String> items = new ArrayList<>();
        if (inner.isEmpty()) {
            return items;
        }
        for (String s : inner.split(",")) {
            items.add(s.trim());
        }
        return items;
    }

    // ---- the shape of the spec types ------------------------------------------------------------------------------

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArg(Type type, int i) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : Object.class;
    }

    /** A map from names to numbers ({@code noise.sigmas}), set by entry rather than as named blocks. */
    private static boolean isNumberMap(Type type) {
        return Map.class.isAssignableFrom(rawClass(type)) && rawClass(typeArg(type, 1)) == Double.class;
    }

    /** A block of the spec: a record or one of the sealed kinds (optimizer, layer, …). */
    private static boolean isPart(Class<?> c) {
        return c.isRecord() || isPolymorphic(c);
    }

    private static boolean isPolymorphic(Class<?> c) {
        return c.isInterface() && c.isAnnotationPresent(JsonTypeInfo.class);
    }

    static Map<String, Class<?>> subtypes(Class<?> kind) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        JsonSubTypes sub = kind.getAnnotation(JsonSubTypes.class);
        if (sub != null) {
            for (JsonSubTypes.Type t : sub.value()) {
                m.put(t.name(), t.value());
            }
        }
        return m;
    }

    private static Class<?> concreteClass(Class<?> declared, JsonNode node) {
        if (!isPolymorphic(declared)) {
            return declared;
        }
        return subtypes(declared).getOrDefault(node.path("type").asText(), declared);
    }

    private static RecordComponent component(Class<?> c, String name) {
        if (!c.isRecord()) {
            return null;
        }
        for (RecordComponent rc : c.getRecordComponents()) {
            if (rc.getName().equals(name)) {
                return rc;
            }
        }
        return null;
    }

    private static List<String> fieldNames(Class<?> c) {
        List<String> names = new ArrayList<>();
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                names.add(rc.getName());
            }
        }
        return names;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String kindName(Class<?> kind) {
        if (kind == OptimizerSpec.class) {
            return "optimizer";
        }
        if (kind == ScheduleSpec.class) {
            return "schedule";
        }
        if (kind == LayerSpec.class) {
            return "layer";
        }
        if (kind == EvaluationSpec.class) {
            return "evaluation";
        }
        if (kind == ChartSpec.class) {
            return "chart";
        }
        return kind.getSimpleName();
    }

    private static String typeWord(Class<?> kind, Class<?> concrete) {
        for (Map.Entry<String, Class<?>> e : subtypes(kind).entrySet()) {
            if (e.getValue() == concrete) {
                return e.getKey();
            }
        }
        return concrete.getSimpleName();
    }

    private static String describePart(String walked, Class<?> declared, Class<?> concrete) {
        String name = walked.isEmpty() ? "the experiment" : walked;
        return isPolymorphic(declared) && concrete != declared
                ? name + " (" + article(typeWord(declared, concrete) + " " + kindName(declared)) + ")" : name;
    }

    private static String unknownField(String seg, String here, Class<?> declared, Class<?> concrete,
                                       String walked) {
        List<String> fields = new ArrayList<>(fieldNames(concrete));
        if (isPolymorphic(declared)) {
            fields.add(0, "type");
        }
        StringBuilder m = new StringBuilder("no field '" + seg + "' in " + here);
        var suggestion = Suggest.closest(seg, fields);
        suggestion.ifPresent(s -> m.append("; did you mean '").append(s).append("'?"));
        String list = fieldList(concrete, isPolymorphic(declared) ? declared : null);
        m.append(suggestion.isPresent() ? " Its fields: " : "; its fields: ").append(list);
        if (isPolymorphic(declared) && Defaults.SWITCHABLE.contains(declared)) {
            List<String> having = new ArrayList<>();
            subtypes(declared).forEach((word, type) -> {
                if (type != concrete && fieldNames(type).contains(seg)) {
                    having.add(word);
                }
            });
            if (!having.isEmpty()) {
                m.append(". '").append(seg).append("' belongs to ").append(String.join(" and ", having)).append(' ')
                        .append(kindName(declared)).append("s: switch first with ").append(walked)
                        .append(".type=").append(having.get(0));
            }
        }
        return m.toString();
    }

    /** "units (whole number), activation (word)" of a part, from its type (and node, for the sealed kinds). */
    private static String fieldList(Type type, JsonNode node) {
        Class<?> raw = rawClass(type);
        Class<?> concrete = node == null ? raw : concreteClass(raw, node);
        return fieldList(concrete, isPolymorphic(raw) ? raw : null);
    }

    private static String fieldList(Class<?> concrete, Class<?> kind) {
        List<String> parts = new ArrayList<>();
        if (kind != null) {
            parts.add("type (" + String.join(", ", subtypes(kind).keySet()) + ")");
        }
        if (concrete.isRecord()) {
            for (RecordComponent rc : concrete.getRecordComponents()) {
                parts.add(rc.getName() + " (" + describeType(rc.getGenericType()) + ")");
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The type of a field in words. */
    static String describeType(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "a whole number";
        }
        if (raw == double.class || raw == Double.class) {
            return "a number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw == String.class) {
            return "a word";
        }
        if (List.class.isAssignableFrom(raw)) {
            Class<?> e = rawClass(typeArg(type, 0));
            if (e == Double.class) {
                return "a list of numbers";
            }
            if (e == String.class) {
                return "a list of words";
            }
            return "a list of blocks";
        }
        if (isNumberMap(type)) {
            return "numbers by name";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "named blocks";
        }
        if (isPolymorphic(raw)) {
            return "one of " + String.join(", ", subtypes(raw).keySet());
        }
        return "a block";
    }

    private static String example(Type type) {
        Class<?> e = rawClass(typeArg(type, 0));
        return e == Double.class ? "[1, 0.5]" : e == String.class ? "[none, ann]" : "[…]";
    }

    /** "an adam optimizer", "an sgd optimizer", "a oneCycle schedule": by the sound of the word. */
    private static String article(String noun) {
        String n = Objects.requireNonNullElse(noun, "");
        boolean an = n.matches("(?i)^([aei]|o(?!ne)|u(?!ni)|sgd|rms|lr).*");
        return (an ? "an " : "a ") + noun;
    }
}
