package org.l96.dsl;

import groovy.lang.Closure;
import groovy.lang.GString;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The words of each builder (its public methods) and plain-language descriptions of what they take. */
final class Words {
    private static final Map<Class<?>, Set<String>> WORDS = new ConcurrentHashMap<>();
    /** Groovy's meta-object protocol, not words of the language. */
    private static final Set<String> MOP = Set.of("run", "methodMissing", "propertyMissing", "getMetaClass",
            "setMetaClass", "invokeMethod", "getProperty", "setProperty");

    /** Every class whose public methods a script calls, in the order of the docs. */
    static final List<Class<?>> BUILDERS = List.of(L96Script.class, Experiment.class, WorldBuilder.class,
            SimulationBuilder.class, DataBuilder.class, NetworkBuilder.class, LayersBuilder.class, TrainBuilder.class,
            PolynomialBuilder.class, LrRangeTestBuilder.class, TrajectoryBuilder.class, EnsembleBuilder.class,
            ForecastBuilder.class, ClimateBuilder.class, ChartsBuilder.class, SweepBuilder.class);

    private Words() {
    }

    /** Where a word is used, for "it belongs inside …" hints. */
    private static String blockOf(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "L96Script" -> "the script's top level";
            case "Experiment" -> "experiment('name') { .. }";
            case "WorldBuilder" -> "world { .. }";
            case "SimulationBuilder" -> "simulate { .. }";
            case "DataBuilder" -> "data { .. }";
            case "NetworkBuilder" -> "network('name') { .. }";
            case "LayersBuilder" -> "layers { .. }";
            case "TrainBuilder" -> "train { .. }";
            case "PolynomialBuilder" -> "polynomial('name') { .. }";
            case "LrRangeTestBuilder" -> "lrRangeTest('name') { .. }";
            case "TrajectoryBuilder" -> "trajectory('name') { .. }";
            case "EnsembleBuilder" -> "ensemble('name') { .. }";
            case "ForecastBuilder" -> "forecast('name') { .. }";
            case "ClimateBuilder" -> "climate('name') { .. }";
            case "ChartsBuilder" -> "charts { .. }";
            case "SweepBuilder" -> "sweep { .. }";
            default -> type.getSimpleName();
        };
    }

    /** "train { .. }" for epochs: the blocks other than {@code here} that know the word, or null. */
    static String homesOf(String word, Class<?> here) {
        List<String> homes = new ArrayList<>();
        for (Class<?> type : BUILDERS) {
            if (type != here && of(type).contains(word)) {
                homes.add(blockOf(type));
            }
        }
        return homes.isEmpty() ? null : String.join(" or ", homes);
    }

    /** Public instance methods declared by the class itself: the words usable inside its block. */
    static Set<String> of(Class<?> type) {
        return WORDS.computeIfAbsent(type, t -> {
            TreeSet<String> words = new TreeSet<>();
            for (Method m : dslMethods(t)) {
                words.add(m.getName());
            }
            return Collections.unmodifiableSortedSet(words);
        });
    }

    static List<Method> dslMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (Modifier.isPublic(mod) && !Modifier.isStatic(mod) && !m.isSynthetic() && !m.isBridge()
                    && !MOP.contains(m.getName())) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount));
        return methods;
    }

    /** "a whole number, or a whole number and a word in quotes": the forms a script can write. */
    static String takes(Class<?> type, String word) {
        Set<String> forms = new LinkedHashSet<>();
        for (Method m : dslMethods(type)) {
            if (!m.getName().equals(word) || m.isAnnotationPresent(RefusedForm.class)
                    || Arrays.asList(m.getParameterTypes()).contains(Consumer.class)) {
                continue;
            }
            forms.add(m.getParameterCount() == 0 ? "nothing" : Arrays.stream(m.getParameterTypes())
                    .map(Words::describe).collect(Collectors.joining(" and ")));
        }
        return String.join(", or ", forms);
    }

    static String describe(Class<?> p) {
        if (p == int.class || p == Integer.class || p == long.class || p == Long.class) {
            return "a whole number";
        }
        if (p == double.class || p == Double.class) {
            return "a number";
        }
        if (p == boolean.class || p == Boolean.class) {
            return "true or false";
        }
        if (p == String.class) {
            return "a word in quotes";
        }
        if (p == String[].class) {
            return "words in quotes";
        }
        if (p == double[].class) {
            return "numbers";
        }
        if (p == Object[].class) {
            return "values";
        }
        if (List.class.isAssignableFrom(p)) {
            return "a list [..]";
        }
        if (Map.class.isAssignableFrom(p)) {
            return "named options (name: value)";
        }
        if (p == Closure.class) {
            return "a block { .. }";
        }
        if (OptimizerSpec.class.isAssignableFrom(p)) {
            return "an optimizer such as adam(lr: 0.001)";
        }
        if (ScheduleSpec.class.isAssignableFrom(p)) {
            return "a schedule such as step(10, 0.5)";
        }
        return p.getSimpleName();
    }

    /** "String 'eight'", "decimal number 8.5", …: what a script passed, as a scientist would name it. */
    static String given(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof String || value instanceof GString || value instanceof Character) {
            return "String '" + value + "'";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return "whole number " + value;
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return "decimal number " + value;
        }
        if (value instanceof Boolean) {
            return "boolean " + value;
        }
        if (value instanceof Closure) {
            return "a block { .. }";
        }
        if (value instanceof Map<?, ?> map) {
            return "named options " + map.keySet().stream().map(k -> k + ":").collect(Collectors.joining(" "));
        }
        if (value instanceof Collection<?> c) {
            return "a list of " + c.size();
        }
        return value.getClass().getSimpleName() + " " + value;
    }

    /** A whole number of the script (Groovy makes it a Long or BigInteger) outside Java's int range. */
    static boolean isWholeBeyondInt(Object value) {
        if (value instanceof Long l) {
            return l > Integer.MAX_VALUE || l < Integer.MIN_VALUE;
        }
        return value instanceof BigInteger b && b.bitLength() > 31;
    }

    static String givenAll(Object[] args) {
        if (args.length == 0) {
            return "nothing";
        }
        return Arrays.stream(args).map(Words::given).collect(Collectors.joining(", "));
    }
}
