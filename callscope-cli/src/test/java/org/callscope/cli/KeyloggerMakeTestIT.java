package org.callscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the keylogger's own tests ({@code make -C keylogger test}: unit tests, real OpenSSL programs
 * under the library, the secure TCP destination against OpenSSL and its own receiver) as part of
 * the build, so the C library is checked wherever the Java code is. The end-to-end capture part
 * needs the packaged CLI and is left to `make test` run by hand.
 */
class KeyloggerMakeTestIT {

    @Test
    void theKeyloggersOwnTestsPass() throws Exception {
        Path root = Path.of(System.getProperty("callscope.root", "..")).toAbsolutePath().normalize();
        Path keylogger = root.resolve("keylogger");
        assumeTrue(Files.isRegularFile(keylogger.resolve("Makefile")), keylogger + " is absent: test skipped");
        assumeTrue(onPath("make") && onPath("cc") && onPath("openssl") && onPath("python3"),
                "make, cc, openssl or python3 is missing: test skipped");
        Path log = Files.createTempFile("callscope-keylogger-make", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder("make", "-C", keylogger.toString(), "test")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("KEYLOGGER_NO_E2E", "1");
            Process make = pb.start();
            assertThat(make.waitFor(10, TimeUnit.MINUTES)).as("make test finished").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(make.exitValue()).as(output).isZero();
            assertThat(output).as(output).containsPattern("keylogger: [1-9][0-9]* passed, 0 failed")
                    .doesNotContain("FAIL - ");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + program).redirectErrorStream(true).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
