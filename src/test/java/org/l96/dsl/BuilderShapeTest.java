package org.l96.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gradle's rule: every block a script gives as a closure, Java gives as a Consumer of the same builder. */
class BuilderShapeTest {

    @Test
    void everyClosureMethodHasAConsumerTwin() {
        List<String> missing = new ArrayList<>();
        int closureMethods = 0;
        for (Class<?> type : Words.BUILDERS) {
            for (Method m : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                Class<?>[] params = m.getParameterTypes();
                int at = Arrays.asList(params).indexOf(Closure.class);
                if (at < 0) {
                    continue;
                }
                closureMethods++;
                Class<?>[] twin = params.clone();
                twin[at] = Consumer.class;
                try {
                    Method consumer = type.getMethod(m.getName(), twin);
                    Type target = ((ParameterizedType) consumer.getGenericParameterTypes()[at])
                            .getActualTypeArguments()[0];
                    DelegatesTo delegatesTo = delegatesTo(m, at);
                    assertEquals(target, delegatesTo.value(), m.toString());
                } catch (NoSuchMethodException e) {
                    missing.add(type.getSimpleName() + "." + m.getName() + Arrays.toString(twin));
                }
            }
        }
        assertTrue(closureMethods >= 15, "found only " + closureMethods + " closure-taking methods");
        assertEquals(List.of(), missing, "methods without a Consumer twin");
    }

    @Test
    void closuresAreAnnotatedForEditors() {
        List<String> bare = new ArrayList<>();
        for (Class<?> type : Words.BUILDERS) {
            for (Method m : type.getDeclaredMethods()) {
                int at = Arrays.asList(m.getParameterTypes()).indexOf(Closure.class);
                if (Modifier.isPublic(m.getModifiers()) && at >= 0) {
                    DelegatesTo d = delegatesTo(m, at);
                    if (d == null || d.strategy() != Closure.DELEGATE_FIRST || d.value() == DelegatesTo.Target.class) {
                        bare.add(type.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), bare, "closure parameters without @DelegatesTo(value = …, DELEGATE_FIRST)");
    }

    private static DelegatesTo delegatesTo(Method m, int parameter) {
        return Arrays.stream(m.getParameterAnnotations()[parameter]).filter(a -> a instanceof DelegatesTo)
                .map(a -> (DelegatesTo) a).findFirst().orElse(null);
    }

    @Test
    void buildersReturnThemselvesForChaining() {
        List<String> broken = new ArrayList<>();
        for (Class<?> type : Words.BUILDERS) {
            if (type == L96Script.class) {
                continue;
            }
            for (Method m : Words.dslMethods(type)) {
                boolean factory = m.getReturnType().getPackageName().equals("org.l96.spec");
                if (!factory && m.getReturnType() != type && !m.getName().equals("build")) {
                    broken.add(type.getSimpleName() + "." + m.getName() + " returns " + m.getReturnType());
                }
            }
        }
        assertEquals(List.of(), broken);
    }
}
