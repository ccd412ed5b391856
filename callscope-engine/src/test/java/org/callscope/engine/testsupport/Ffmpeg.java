package org.callscope.engine.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs FFmpeg, an independent implementation of the codecs audio export decodes. */
public final class Ffmpeg {
    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    private Ffmpeg() {
    }

    /** Skips the calling test when ffmpeg is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(FFMPEG), "ffmpeg is not installed (apt-get install ffmpeg): comparison skipped");
    }

    /** Runs {@code ffmpeg -nostdin -loglevel error -y ARGS}; fails the test if ffmpeg fails. */
    public static void run(String... args) throws IOException, InterruptedException {
        assumeInstalled();
        List<String> cmd = new ArrayList<>(List.of(FFMPEG.toString(), "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ffmpeg did not finish: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("ffmpeg failed with " + p.exitValue() + ": " + cmd + "\n" + new String(out));
        }
    }
}
