package org.callscope.engine.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's own fixture captures in {@code fixtures/} (made by {@code fixtures/make-fixtures.sh}). */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        String configured = System.getProperty("callscope.root");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("fixtures/captures"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("fixtures/captures not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("fixtures");
    }

    public static Path capture(String name) {
        return root().resolve("captures").resolve(name);
    }

    public static Path expected(String name) {
        return root().resolve("expected").resolve(name);
    }
}
