package org.l96.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output checks of stored stages: sizes and CRC-32C recorded in stage.json, a damaged file found before reuse (in
 * the experiment's folder and in the shared stage cache), old stage.json files without checks recomputed, and big
 * files checked by size only.
 */
class StageIntegrityTest {
    @TempDir
    Path dir;

    private final AtomicInteger computed = new AtomicInteger();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private Stage stage(String content) {
        return new Stage() {
            public String name() {
                return "simulate";
            }

            public List<String> inputs() {
                return List.of();
            }

            public Object keyMaterial() {
                return "sim";
            }

            public void run(StageContext ctx) throws Exception {
                computed.incrementAndGet();
                Files.writeString(ctx.dir().resolve("X.txt"), content);
                Files.createDirectories(ctx.dir().resolve("sub"));
                Files.writeString(ctx.dir().resolve("sub/Y.txt"), content + content);
            }
        };
    }

    private Runner.Result run(String experiment, Path cache) throws IOException {
        Runner r = new Runner(dir.resolve("out"), new PrintStream(log, true, StandardCharsets.UTF_8), false, 1);
        if (cache != null) {
            r.withCache(cache);
        }
        return r.run(new ExperimentSpec(experiment, 1, null, null, null, null, null, null, null, null, null),
                List.of(stage("0123456789")), false);
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stageJsonRecordsSizeAndChecksumOfEveryOutput() throws IOException {
        run("e", null);
        StageRecord r = Runner.readRecord(dir.resolve("out/e/simulate"));
        assertNotNull(r);
        CRC32C crc = new CRC32C();
        crc.update("0123456789".getBytes(StandardCharsets.UTF_8));
        assertEquals(new OutputFiles.Check(10, String.format("%08x", crc.getValue())), r.files().get("X.txt"));
        assertEquals(20, r.files().get("sub/Y.txt").size());
        assertEquals(r.outputs(), List.copyOf(r.files().keySet()));
    }

    @Test
    void aFileOfTheSameSizeWithOtherContentIsFoundByItsChecksum() throws IOException {
        run("e", null);
        Files.writeString(dir.resolve("out/e/simulate/sub/Y.txt"), "x".repeat(20));
        Runner.Result again = run("e", null);
        assertEquals(2, computed.get());
        assertFalse(again.stages().get(0).cached());
        assertTrue(log().contains("warning: simulate/sub/Y.txt is damaged: its content changed since it was written"),
                log());
        assertEquals("01234567890123456789", Files.readString(dir.resolve("out/e/simulate/sub/Y.txt")));
        // and once repaired it is reused again, silently
        log.reset();
        assertTrue(run("e", null).stages().get(0).cached());
        assertEquals(2, computed.get());
        assertFalse(log().contains("warning"), log());
    }

    @Test
    void aMissingFileMakesTheStageRunAgain() throws IOException {
        run("e", null);
        Files.delete(dir.resolve("out/e/simulate/X.txt"));
        run("e", null);
        assertEquals(2, computed.get());
        assertTrue(log().contains("warning: simulate/X.txt is missing; computing simulate again"), log());
    }

    @Test
    void aDamagedStageJsonIsComputedAgainWithAWarning() throws IOException {
        run("e", null);
        Files.writeString(dir.resolve("out/e/simulate/stage.json"), "garbage");
        run("e", null);
        assertEquals(2, computed.get());
        assertTrue(log().contains("warning: simulate/stage.json is damaged (not a stage record); computing simulate "
                + "again"), log());
        assertNotNull(Runner.readRecord(dir.resolve("out/e/simulate")));
    }

    @Test
    void aStageJsonWithoutChecksIsComputedAgain() throws IOException {
        run("e", null);
        Path stageJson = dir.resolve("out/e/simulate/stage.json");
        ObjectNode old = (ObjectNode) SpecJson.mapper().readTree(stageJson.toFile());
        old.remove("files"); // as l96 wrote it before it recorded sizes
        Files.writeString(stageJson, old.toString());
        run("e", null);
        assertEquals(2, computed.get());
        assertTrue(log().contains("simulate/stage.json records no sizes or checksums of its outputs (it was written "
                + "by an older l96)"), log());
        assertNotNull(Runner.readRecord(dir.resolve("out/e/simulate")).files());
    }

    @Test
    void aDamagedStageCacheEntryIsReplacedNotLinked() throws IOException {
        Path cache = dir.resolve("out/.cache");
        run("a", cache);
        // the experiment's file and the cache's are one file (a hard link): damage reaches both
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("out/a/simulate/X.txt").toFile(), "rw")) {
            f.setLength(3);
        }
        Runner.Result b = run("b", cache);
        assertTrue(b.ok());
        assertEquals(2, computed.get(), "the damaged entry must not be linked into b");
        assertTrue(log().contains("warning: in the stage cache, simulate/X.txt is damaged: 3 bytes where 10 were "
                + "written; computing simulate again"), log());
        assertEquals("0123456789", Files.readString(dir.resolve("out/b/simulate/X.txt")));
        // the cache now holds b's good copy, which c links in without computing
        log.reset();
        Runner.Result c = run("c", cache);
        assertTrue(c.stages().get(0).cached());
        assertEquals(2, computed.get());
        assertFalse(log().contains("warning"), log());
        // a finds its own copy damaged and takes the good one from the cache
        log.reset();
        run("a", cache);
        assertTrue(log().contains("warning: simulate/X.txt is damaged"), log());
        assertEquals(2, computed.get());
        assertEquals("0123456789", Files.readString(dir.resolve("out/a/simulate/X.txt")));
    }

    @Test
    void filesAboveTheChecksumLimitAreCheckedBySizeOnly() throws IOException {
        Path stage = dir.resolve("big");
        Files.createDirectories(stage);
        Path big = stage.resolve("Y.npy");
        long size = OutputFiles.CHECKSUM_LIMIT + 1;
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(size); // sparse: costs no disk
        }
        Map<String, OutputFiles.Check> files = OutputFiles.record(stage, List.of("Y.npy"));
        StageRecord r = new StageRecord("big", "k", false, 0, 0, List.of("Y.npy"), Map.of(), StageRecord.OK, null,
                files);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.seek(1000);
            f.write(1);
        }
        assertNull(OutputFiles.damage(stage, r), "content is not read above the limit (documented)");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(size - 1);
        }
        assertEquals("big/Y.npy is damaged: " + (size - 1) + " bytes where " + size + " were written",
                OutputFiles.damage(stage, r));
    }
}
