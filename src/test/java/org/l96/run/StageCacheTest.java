package org.l96.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ExperimentSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared stage cache: another experiment with the same stage key links the stage in instead of computing it. */
class StageCacheTest {
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    private Stage stage(String name, Object material, List<String> inputs) {
        return new Stage() {
            public String name() {
                return name;
            }

            public List<String> inputs() {
                return inputs;
            }

            public Object keyMaterial() {
                return material;
            }

            public void run(StageContext ctx) throws Exception {
                runs.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                String content = String.valueOf(material);
                for (String in : inputs) {
                    content += "|" + Files.readString(ctx.input(in).resolve("out.txt"));
                }
                Files.writeString(ctx.dir().resolve("out.txt"), content);
            }
        };
    }

    private static ExperimentSpec spec(String name) {
        return new ExperimentSpec(name, 1, null, null, null, null, null, null, null, null, null);
    }

    private Runner runner(Path out, Path cache) {
        Runner r = new Runner(out, new PrintStream(new ByteArrayOutputStream()), false, 2);
        return cache == null ? r : r.withCache(cache);
    }

    @Test
    void experimentsShareStagesWithEqualKeys(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("points");
        Path cache = dir.resolve(".cache");
        Runner.Result a = runner(out, cache).run(spec("a"), List.of(stage("simulate", "sim", List.of()),
                stage("train", "epochs=1", List.of("simulate"))), false);
        Runner.Result b = runner(out, cache).run(spec("b"), List.of(stage("simulate", "sim", List.of()),
                stage("train", "epochs=2", List.of("simulate"))), false);
        assertTrue(a.ok() && b.ok());
        assertEquals(1, runs.get("simulate").get());
        assertEquals(2, runs.get("train").get());
        assertFalse(a.stages().get(0).cached());
        assertTrue(b.stages().get(0).cached());
        assertFalse(b.stages().get(1).cached());
        assertEquals("epochs=2|sim", Files.readString(out.resolve("b/train/out.txt")));
        assertTrue(Files.isRegularFile(out.resolve("b/simulate/out.txt")));
        // the manifest says so
        assertTrue(Files.readString(out.resolve("b/manifest.json")).contains("\"cached\" : true"));

        // without a cache (the default) nothing is shared
        runner(out, null).run(spec("c"), List.of(stage("simulate", "sim", List.of())), false);
        assertEquals(2, runs.get("simulate").get());
    }
}
