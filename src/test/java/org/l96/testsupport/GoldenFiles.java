package org.l96.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The golden reference numbers, kept in the test resources ({@code src/test/resources/org/l96/golden/}, with their
 * README and the script that made the newer ones), so a fresh clone tests without anything beside it.
 */
public final class GoldenFiles {

    /** Classpath folder of the golden files. */
    public static final String FOLDER = "/org/l96/golden/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenFiles() {
    }

    /** The parsed golden file {@code name} (e.g. "two_scale_rk4_trajectory.json"); missing is a failure. */
    public static JsonNode load(String name) {
        try (InputStream in = GoldenFiles.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                fail("golden file missing from the test resources: " + FOLDER + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot parse golden file " + name + ": " + e.getMessage(), e);
        }
    }

    /** The folder on disk (target/test-classes/org/l96/golden), to list what is there. */
    public static Path dir() {
        URL url = GoldenFiles.class.getResource(FOLDER);
        if (url == null) {
            fail("golden folder missing from the test resources: " + FOLDER);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new AssertionError("golden folder is not a folder on disk: " + url, e);
        }
    }
}
