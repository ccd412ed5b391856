package org.callscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.callscope.engine.audio.AudioExport;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.cdr.JsonWriter;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.media.PayloadFormat;
import org.callscope.engine.pipeline.Analyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code callscope audio}: captures in, one stereo WAV per call out (caller left, callee right). */
@Command(name = "audio", mixinStandardHelpOptions = true,
        description = {"Writes the audio of each call as a stereo WAV: caller left, callee right, on packet time,",
                "silence for gaps and loss. SRTP is decrypted with the keys from SDP (a=crypto, also inside SIP",
                "over TLS with --keylog/--ssl-key), DTLS-SRTP handshakes with --keylog, or --srtp-key.",
                "Prints one JSON line per file written.",
                "Exit status: 0 ok, 1 bad configuration, 2 bad usage, 3 damaged input, 4 unreadable file."})
final class AudioCommand implements Callable<Integer> {
    @Mixin
    CaptureOptions capture;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "directory for the WAV files (<Call-ID>.wav; created if missing)")
    Path outDir;

    @Option(names = "--call-id", paramLabel = "ID", description = "only this call; repeatable")
    List<String> callIds = new ArrayList<>();

    @Option(names = "--rtpmap", paramLabel = "PT=ENCODING/RATE[/CHANNELS]",
            description = "what a payload type means where no SDP says (e.g. 111=opus/48000/2); repeatable")
    List<String> rtpmaps = new ArrayList<>();

    @Option(names = "--no-unassociated",
            description = "skip RTP that no call announced (otherwise one WAV per address pair, lower address left)")
    boolean noUnassociated;

    private final PrintStream out;
    private final PrintStream err;

    AudioCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        AnalyzerSettings settings = capture.settingsOrReport(err);
        if (settings == null) {
            return CaptureOptions.EXIT_CONFIG;
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            err.println("callscope: cannot create " + outDir + ": " + e.getMessage());
            return 1;
        }
        boolean unassociated = !noUnassociated && callIds.isEmpty();
        AudioExport export = new AudioExport(outDir, new LinkedHashSet<>(callIds), unassociated,
                w -> out.println(json(w)), p -> err.println("callscope: " + p));
        for (String map : rtpmaps) {
            try {
                export.assume(parseRtpmap(map));
            } catch (IllegalArgumentException e) {
                err.println("callscope: --rtpmap " + map + ": " + e.getMessage());
                return 1;
            }
        }
        int status = capture.run(settings, err, keys -> {
            Analyzer analyzer = new Analyzer(settings, export, id -> CallRecorder.NONE, List.of(), keys, (c, r) -> { });
            analyzer.setPayloadListener(export);
            return analyzer;
        });
        export.finish();
        out.flush();
        return status;
    }

    /** {@code 111=opus/48000/2}: payload type, then an a=rtpmap encoding (RFC 8866 §6.6). */
    static PayloadFormat parseRtpmap(String spec) {
        int eq = spec.indexOf('=');
        String[] parts = eq < 0 ? new String[0] : spec.substring(eq + 1).split("/");
        if (eq <= 0 || parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
            throw new IllegalArgumentException("expected PT=ENCODING/RATE[/CHANNELS], e.g. 111=opus/48000/2");
        }
        try {
            int pt = Integer.parseInt(spec.substring(0, eq).strip());
            int rate = Integer.parseInt(parts[1].strip());
            int channels = parts.length == 3 ? Integer.parseInt(parts[2].strip()) : 0;
            if (pt < 0 || pt > 127 || rate <= 0 || channels < 0 || channels > 8) {
                throw new IllegalArgumentException("payload type 0-127, a positive rate and 1-8 channels");
            }
            return new PayloadFormat(pt, parts[0].strip(), rate, channels);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("payload type, rate and channels are numbers");
        }
    }

    private static String json(AudioExport.Written w) {
        StringBuilder sb = new StringBuilder(256);
        JsonWriter j = new JsonWriter(sb).beginObject()
                .field("file", w.file().toString())
                .field("call_id", w.callId())
                .field("sample_rate", w.report().sampleRate())
                .field("frames", w.report().frames())
                .field("seconds", w.report().seconds(), 3)
                .field("packets_decoded", w.report().packetsDecoded())
                .field("packets_skipped", w.report().packetsSkipped())
                .beginArray("unsupported");
        for (String codec : w.report().unsupportedCodecs()) {
            j.value(codec);
        }
        j.endArray().endObject();
        return sb.toString();
    }
}
