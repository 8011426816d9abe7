package org.l96.dsl;

import groovy.lang.GroovySystem;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.tools.GroovyClass;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Compiled experiment scripts kept on disk, so that running an unchanged script again skips Groovy's compiler (about
 * two seconds of a cached rerun, against a quarter second for executing the script). Only the compilation is reused:
 * the script still runs every time, so what it reads from the environment or other files is read afresh.
 *
 * <p>The key is the script's text and class name, the Groovy version and the tool version; dynamic Groovy resolves
 * the DSL's methods when the script runs, so the bytecode does not depend on the DSL's own classes. The cache is a
 * convenience: any trouble reading or writing it means compiling as if it were not there.
 */
final class CompiledScripts {
    private static final String FORMAT = "l96-compiled-script-1";
    private static final int KEEP = 200;

    /** Compilations done (not found in the cache); tests use it to see the cache at work. */
    static final AtomicInteger COMPILATIONS = new AtomicInteger();

    private static volatile Path directory = defaultDirectory();

    private CompiledScripts() {
    }

    /** The script's classes by name, and which of them is the script. */
    record Compiled(String scriptClass, Map<String, byte[]> classes) {
    }

    /** For tests: another cache folder, or {@code null} for the default one. */
    static void useDirectory(Path dir) {
        directory = dir == null ? defaultDirectory() : dir;
    }

    /** {@code $L96_CACHE}, else {@code $XDG_CACHE_HOME/l96}, else {@code ~/.cache/l96}; then {@code scripts/}. */
    private static Path defaultDirectory() {
        String own = System.getenv("L96_CACHE");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = own != null && !own.isBlank() ? Path.of(own)
                : xdg != null && !xdg.isBlank() ? Path.of(xdg, "l96")
                : Path.of(System.getProperty("user.home"), ".cache", "l96");
        return root.resolve("scripts");
    }

    /**
     * The compiled classes of {@code text}, from the cache or by compiling (compile errors propagate as Groovy's
     * exceptions, and nothing is cached for them).
     */
    static Compiled compile(String text, String unit, CompilerConfiguration config, ClassLoader parent) {
        String key = key(text, unit, String.valueOf(CompiledScripts.class.getPackage().getImplementationVersion()));
        Compiled cached = read(key);
        if (cached != null) {
            return cached;
        }
        COMPILATIONS.incrementAndGet();
        CompilationUnit cu = new CompilationUnit(config, null, new groovy.lang.GroovyClassLoader(parent, config));
        cu.addSource(unit, text);
        cu.compile(Phases.CLASS_GENERATION);
        String scriptClass = null;
        for (ClassNode node : cu.getAST().getClasses()) {
            if (node.isScript()) {
                scriptClass = node.getName();
            }
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (GroovyClass c : cu.getClasses()) {
            classes.put(c.getName(), c.getBytes());
        }
        if (scriptClass == null) {
            throw new IllegalStateException("the script compiled to no script class");
        }
        Compiled compiled = new Compiled(scriptClass, classes);
        write(key, compiled);
        return compiled;
    }

    /** Defines the compiled classes on demand, in a loader of their own (one per loaded script). */
    static Class<?> load(Compiled compiled, ClassLoader parent) throws ClassNotFoundException {
        ClassLoader loader = new ClassLoader(parent) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = compiled.classes().get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        return loader.loadClass(compiled.scriptClass());
    }

    private static String key(String text, String unit, String toolVersion) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(FORMAT, GroovySystem.getVersion(), toolVersion, unit, text)) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Compiled read(String key) {
        Path file = directory.resolve(key + ".bin");
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                if (!FORMAT.equals(in.readUTF())) {
                    return null;
                }
                String scriptClass = in.readUTF();
                int n = in.readInt();
                Map<String, byte[]> classes = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String name = in.readUTF();
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    classes.put(name, bytes);
                }
                return classes.containsKey(scriptClass) ? new Compiled(scriptClass, classes) : null;
            }
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or truncated: compile again
        }
    }

    private static void write(String key, Compiled compiled) {
        try {
            Files.createDirectories(directory);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(FORMAT);
                out.writeUTF(compiled.scriptClass());
                out.writeInt(compiled.classes().size());
                for (Map.Entry<String, byte[]> c : compiled.classes().entrySet()) {
                    out.writeUTF(c.getKey());
                    out.writeInt(c.getValue().length);
                    out.write(c.getValue());
                }
            }
            // written under a unique name and renamed, so a reader never sees half a file
            Path tmp = directory.resolve(key + "." + UUID.randomUUID() + ".tmp");
            Files.write(tmp, bytes.toByteArray());
            Files.move(tmp, directory.resolve(key + ".bin"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            prune();
        } catch (IOException | RuntimeException e) {
            // no cache this time: nothing is lost but speed
        }
    }

    /** Keeps the most recently written entries only. */
    private static void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(directory)) {
            entries = files.filter(f -> f.getFileName().toString().endsWith(".bin")).toList();
        }
        if (entries.size() <= KEEP) {
            return;
        }
        List<Path> oldestFirst = entries.stream().sorted(Comparator.comparingLong(CompiledScripts::modified)).toList();
        for (Path old : oldestFirst.subList(0, entries.size() - KEEP)) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
