package org.l96.run.stages;

import org.junit.jupiter.api.Test;
import org.l96.run.SimulationFiles;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stages hand results to each other through their output types only: no class of the interpreter, the charts, the
 * sweeps or the command line (outside the output type itself) spells another stage's file names, stage-name
 * prefixes or metric names as a string literal. The names are read by reflection from the output types' constants,
 * so a name added there is checked too.
 *
 * <p>What counts as spelling a name: the literal itself for file names ({@code "model.zip"}), prefixes
 * ({@code "train-"}) and compound metric names ({@code "unstableAt"}); for every metric and metric group also the
 * literal with a dot before or after it ({@code ".vpt"}, {@code "online."}), the way a consumer matches a dotted
 * metric path. Plain words that are also the spec's or the tool's words ({@code "vpt"}, {@code "forcing"},
 * {@code "simulate"} the command, {@code "networks."} and {@code ".forcing"} in spec paths) are not checked on their own.
 */
class StageOutputLiteralsTest {
    private static final List<Class<?>> OUTPUT_TYPES = List.of(SimulationFiles.class, TrainOutputs.class,
            LrRangeTestOutputs.class, EvaluationOutputs.class, ChartOutputs.class, ReportOutputs.class,
            PolynomialOutputs.class, OfflineOutputs.class);
    private static final Path MAIN = Path.of("src/main/java/org/l96");
    /** The interpreter, the drawings, the sweeps and the CLI: every consumer of stage outputs. */
    private static final List<String> SCANNED = List.of("run", "chart", "sweep", "cli");
    /** Spec words that are also metric groups or names: their dotted forms are spec paths too. */
    private static final Set<String> SPEC_WORDS = Set.of("networks", "polynomials", "simulation", "forcing");
    /** Literals that are the same word for another thing, with the file that means its own. */
    private static final Map<String, String> OTHER_MEANING = Map.of(
            "sweep/SweepReport.java", "\"report.html\"");  // the sweep's own page, not the report stage's

    /** Each forbidden literal (with its quotes) → the output type that owns it. */
    static Map<String, Class<?>> forbidden() throws IllegalAccessException {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (Class<?> type : OUTPUT_TYPES) {
            for (Field f : type.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (!Modifier.isStatic(mod) || !Modifier.isFinal(mod) || f.getType() != String.class) {
                    continue;
                }
                f.setAccessible(true);
                String v = (String) f.get(null);
                boolean fileOrPrefix = v.contains(".") || v.endsWith("-");
                boolean compound = !v.equals(v.toLowerCase(java.util.Locale.ROOT));
                if (fileOrPrefix || compound) {
                    out.put("\"" + v + "\"", type);
                }
                if (!fileOrPrefix && !SPEC_WORDS.contains(v)) {
                    out.put("\"." + v + "\"", type);
                    out.put("\"" + v + ".\"", type);
                }
            }
        }
        return out;
    }

    private static Path sourceOf(Class<?> type) {
        return Path.of("src/main/java", type.getName().replace('.', '/') + ".java");
    }

    @Test
    void theNamesAreRealAndTheirOwnersSpellThem() throws Exception {
        Map<String, Class<?>> names = forbidden();
        for (String must : List.of("\"model.zip\"", "\"train-\"", "\"evaluate-\"", "\"chart-\"", "\"pdf-x.npy\"",
                "\"unstableAt\"", "\".vpt\"", "\"online.\"", "\"report.html\"", "\"X.npy\"")) {
            assertTrue(names.containsKey(must), must + " is not checked: " + names.keySet());
        }
    }

    @Test
    void noConsumerSpellsAStagesFilesOrMetrics() throws Exception {
        Map<String, Class<?>> names = forbidden();
        Set<Path> owners = new java.util.HashSet<>();
        OUTPUT_TYPES.forEach(t -> owners.add(sourceOf(t)));
        List<String> found = new ArrayList<>();
        for (String pkg : SCANNED) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    if (owners.contains(f)) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).strip();
                        if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                            continue; // prose may name files for the reader
                        }
                        for (var e : names.entrySet()) {
                            boolean ownWord = e.getKey().equals(OTHER_MEANING.get(
                                    MAIN.relativize(f).toString().replace('\\', '/')));
                            if (line.contains(e.getKey()) && !ownWord) {
                                found.add(f + ":" + (i + 1) + ": " + e.getKey() + " (use "
                                        + e.getValue().getSimpleName() + ")");
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /** The scan would pass vacuously if it looked at no files or matched nothing: it finds a planted literal. */
    @Test
    void theScanFindsALiteral() throws Exception {
        String planted = "Path p = dir.resolve(\"model.zip\");";
        assertTrue(forbidden().keySet().stream().anyMatch(planted::contains));
        assertFalse(forbidden().keySet().stream().anyMatch("Path p = dir.resolve(TrainOutputs.MODEL);"::contains));
        assertTrue(Files.isDirectory(MAIN.resolve("run/stages")));
    }
}
