package org.callscope.engine.capture;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code tshark} as the source of truth for what a capture file contains. */
public final class Tshark {
    private static final Path TSHARK = Path.of("/usr/bin/tshark");

    private Tshark() {
    }

    public static boolean available() {
        return Files.isExecutable(TSHARK);
    }

    /** {@code tshark -r file -T fields -e f1 -e f2 ...}: one list of tab-separated values per frame. */
    public static List<String[]> fields(Path file, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TSHARK.toString(), "-n", "-r", file.toString(), "-T", "fields"));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String[]> rows = new ArrayList<>();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException("tshark did not finish on " + file);
            }
        } finally {
            process.destroy();
        }
        if (process.exitValue() != 0) {
            throw new IOException("tshark failed on " + file + " with exit code " + process.exitValue());
        }
        return rows;
    }

    /** Parses tshark's frame.time_epoch ("1105725517.874679000") into nanoseconds. */
    public static long epochNanos(String value) {
        return new BigDecimal(value).movePointRight(9).longValueExact();
    }
}
