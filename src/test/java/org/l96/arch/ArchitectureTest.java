package org.l96.arch;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering rules of the architecture (COMMON.md, issue #11 §4), checked twice: on the {@code import} lines of the
 * sources (so an import fails the build even where javac drops it as unused) and on the class names and descriptors
 * in the constant pools of the compiled classes (so a fully qualified use without an import fails too).
 * <ul>
 *   <li>the numerical core, {@code world} and {@code eval}: no DL4J/ND4J, Groovy, Jackson, file I/O
 *       ({@code java.io.File*}, {@code java.nio.file}), nor the packages that do I/O or training;</li>
 *   <li>the spec model, {@code spec}: no Groovy, no DL4J/ND4J;</li>
 *   <li>the interpreter, {@code run} and its sub-packages: no Groovy (nor the Groovy front end, {@code dsl}).</li>
 * </ul>
 * Plain Java (no ArchUnit): a class file's constant pool is parsed per the JVM specification §4.4.
 */
class ArchitectureTest {
    static final List<String> DL4J = List.of("org.deeplearning4j", "org.nd4j", "org.bytedeco");
    static final List<String> GROOVY = List.of("groovy", "org.codehaus.groovy", "org.apache.groovy");
    static final List<String> JACKSON = List.of("com.fasterxml.jackson");
    static final List<String> FILE_IO = List.of("java.io.File", "java.nio.file");
    static final List<String> IO_PACKAGES = List.of("org.l96.data", "org.l96.nn", "org.l96.run", "org.l96.chart",
            "org.l96.cli", "org.l96.dsl", "org.l96.sweep");

    static final Map<String, List<String>> FORBIDDEN = Map.of(
            "world", concat(DL4J, GROOVY, JACKSON, FILE_IO, IO_PACKAGES, List.of("org.l96.eval", "org.l96.spec")),
            "eval", concat(DL4J, GROOVY, JACKSON, FILE_IO, IO_PACKAGES),
            "spec", concat(DL4J, GROOVY, List.of("org.l96.dsl")),
            "run", concat(GROOVY, List.of("org.l96.dsl")));

    private static final Path SOURCES = Path.of("src/main/java/org/l96");
    private static final Path CLASSES = Path.of("target/classes/org/l96");

    @Test
    void sourcesImportNothingTheirLayerForbids() throws IOException {
        List<String> violations = new ArrayList<>();
        for (var rule : FORBIDDEN.entrySet()) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(rule.getKey()))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    violations.addAll(importViolations(f, Files.readString(f), rule.getValue()));
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void compiledClassesReferenceNothingTheirLayerForbids() throws IOException {
        List<String> violations = new ArrayList<>();
        int classes = 0;
        for (var rule : FORBIDDEN.entrySet()) {
            Path dir = CLASSES.resolve(rule.getKey());
            assertTrue(Files.isDirectory(dir), "no compiled classes at " + dir);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    classes++;
                    for (String ref : referencedNames(Files.readAllBytes(f))) {
                        String banned = bannedBy(ref, rule.getValue());
                        if (banned != null) {
                            violations.add(CLASSES.relativize(f) + " uses " + ref + " (" + rule.getKey()
                                    + " must not use " + banned + ")");
                        }
                    }
                }
            }
        }
        assertTrue(classes > 50, "only " + classes + " classes scanned");
        assertEquals(List.of(), violations);
    }

    /** The checks themselves catch what they are meant to: a planted import, a planted class reference. */
    @Test
    void theChecksCatchAPlantedViolation() throws IOException {
        String source = "package org.l96.world;\n\nimport java.util.List;\nimport java.nio.file.Path;\n"
                + "import static org.nd4j.linalg.factory.Nd4j.zeros;\nimport groovy.lang.Closure;\n"
                + "import org.l96.worldly.Thing;\n\nclass Bad {}\n";
        assertEquals(List.of(
                        "Bad.java:4 imports java.nio.file.Path (forbidden: java.nio.file)",
                        "Bad.java:5 imports org.nd4j.linalg.factory.Nd4j.zeros (forbidden: org.nd4j)",
                        "Bad.java:6 imports groovy.lang.Closure (forbidden: groovy)"),
                importViolations(Path.of("Bad.java"), source, FORBIDDEN.get("world")));

        // this very class references java.nio.file.Files and java.io.DataInputStream; the parse finds the first
        byte[] self;
        try (InputStream in = ArchitectureTest.class.getResourceAsStream("ArchitectureTest.class")) {
            self = in.readAllBytes();
        }
        Set<String> names = referencedNames(self);
        assertTrue(names.contains("java.nio.file.Files"), names.toString());
        assertEquals("java.nio.file", bannedBy("java.nio.file.Files", FORBIDDEN.get("eval")));
        assertEquals("java.io.File", bannedBy("java.io.FileInputStream", FORBIDDEN.get("eval")));
        assertEquals(null, bannedBy("java.io.DataInputStream", FORBIDDEN.get("eval")));
        assertEquals(null, bannedBy("org.l96.worldly.Thing", List.of("org.l96.world")));
        assertEquals(null, bannedBy("groovyish.Thing", GROOVY));
    }

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

    static List<String> importViolations(Path file, String source, List<String> forbidden) {
        List<String> out = new ArrayList<>();
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            String banned = bannedBy(m.group(1), forbidden);
            if (banned != null) {
                int line = 1 + (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                out.add(file.getFileName() + ":" + line + " imports " + m.group(1) + " (forbidden: " + banned + ")");
            }
        }
        return out;
    }

    /** The forbidden prefix {@code name} falls under (a whole package or, for java.io.File, a class-name prefix). */
    static String bannedBy(String name, List<String> forbidden) {
        for (String prefix : forbidden) {
            boolean classPrefix = prefix.equals("java.io.File");
            if (name.equals(prefix) || name.startsWith(prefix + ".") || (classPrefix && name.startsWith(prefix))) {
                return prefix;
            }
        }
        return null;
    }

    /**
     * Every class a class file names: its CONSTANT_Class entries and the class types inside its field and method
     * descriptors and generic signatures (every Utf8 entry except string literals), in dotted form.
     */
    static Set<String> referencedNames(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Map<Integer, String> utf8 = new HashMap<>();
        Set<Integer> classIndexes = new HashSet<>();
        Set<Integer> literalIndexes = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(i, in.readUTF());
                case 7 -> classIndexes.add(in.readUnsignedShort());
                case 8 -> literalIndexes.add(in.readUnsignedShort());
                case 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("unknown constant-pool tag " + tag + " at " + i);
            }
        }
        Set<String> names = new TreeSet<>();
        Pattern inDescriptor = Pattern.compile("L([\\w/$]+)[;<]");
        for (var e : utf8.entrySet()) {
            if (literalIndexes.contains(e.getKey())) {
                continue;
            }
            String s = e.getValue();
            if (classIndexes.contains(e.getKey()) && !s.startsWith("[")) {
                names.add(s.replace('/', '.'));
            }
            Matcher m = inDescriptor.matcher(s);
            while (m.find()) {
                names.add(m.group(1).replace('/', '.'));
            }
        }
        return names;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return List.copyOf(out);
    }
}
