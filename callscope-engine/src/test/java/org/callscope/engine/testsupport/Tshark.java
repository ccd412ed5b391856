package org.callscope.engine.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Wireshark's tshark, the reference decoder, and parses what tests compare against. */
public final class Tshark {
    private static final Path TSHARK = Path.of("/usr/bin/tshark");
    private static final Pattern STREAM_LINE = Pattern.compile(
            "^\\s*([\\d.]+)\\s+([\\d.]+)\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+(0x[0-9A-Fa-f]+)\\s+(.+?)\\s+(\\d+)\\s+(-?\\d+) \\([^)]*\\)"
                    + "\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)");

    private Tshark() {
    }

    /** Skips the calling test when tshark is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed: comparison with the reference decoder skipped");
    }

    /** One line of {@code tshark -q -z rtp,streams}. */
    public record RtpStream(String srcIp, int srcPort, String dstIp, int dstPort, long ssrc, String payload,
                            long packets, long lost, double maxDeltaMs, double meanJitterMs, double maxJitterMs) {
    }

    public static List<RtpStream> rtpStreams(Path capture, String... extraArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-q", "-z", "rtp,streams", "-r", capture.toString()));
        args.addAll(List.of(extraArgs));
        List<RtpStream> out = new ArrayList<>();
        for (String line : run(args)) {
            Matcher m = STREAM_LINE.matcher(line);
            if (m.find()) {
                out.add(new RtpStream(m.group(3), Integer.parseInt(m.group(4)), m.group(5), Integer.parseInt(m.group(6)),
                        Long.parseLong(m.group(7).substring(2), 16), m.group(8), Long.parseLong(m.group(9)),
                        Long.parseLong(m.group(10)), Double.parseDouble(m.group(13)), Double.parseDouble(m.group(15)),
                        Double.parseDouble(m.group(16))));
            }
        }
        return out;
    }

    /** tshark's stdout lines for {@code args}; fails the test if tshark fails. */
    public static List<String> run(List<String> args) throws IOException, InterruptedException {
        assumeInstalled();
        List<String> cmd = new ArrayList<>();
        cmd.add(TSHARK.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark did not finish: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("tshark failed with " + p.exitValue() + ": " + cmd);
        }
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }
}
