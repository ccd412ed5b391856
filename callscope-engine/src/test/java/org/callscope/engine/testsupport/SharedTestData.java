package org.callscope.engine.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds third-party captures in {@code ../shared/testdata/third_party}. They are not shipped with
 * the project (their licences forbid it), so tests that need them skip with a clear message when
 * the folder is absent; CI always provides it.
 */
public final class SharedTestData {
    private SharedTestData() {
    }

    /** The {@code third_party} folder, or a skipped test when it is not there. */
    public static Path thirdParty() {
        Path dir = locate();
        assumeTrue(dir != null, "../shared/testdata/third_party is absent: third-party captures not available, test skipped");
        return dir;
    }

    /** A file under {@code third_party}, or a skipped test when it is not there. */
    public static Path file(String relative) {
        Path file = thirdParty().resolve(relative);
        assumeTrue(Files.isRegularFile(file), file + " is absent: test skipped");
        return file;
    }

    private static Path locate() {
        String configured = System.getProperty("callscope.shared");
        if (configured != null) {
            Path p = Path.of(configured, "testdata", "third_party");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path p = dir.resolveSibling("shared").resolve("testdata").resolve("third_party");
            if (Files.isDirectory(p)) {
                return p;
            }
            dir = dir.getParent();
        }
        return null;
    }
}
