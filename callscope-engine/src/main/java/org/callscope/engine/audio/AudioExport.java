package org.callscope.engine.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.callscope.engine.cdr.Cdr;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.RegistrationRecord;
import org.callscope.engine.cdr.RtpStreamReport;
import org.callscope.engine.media.CallSide;
import org.callscope.engine.media.MediaOwner;
import org.callscope.engine.media.MediaPayloadListener;
import org.callscope.engine.media.MediaStream;
import org.callscope.engine.media.PayloadFormat;

/**
 * Collects the readable RTP payloads of each call and writes the call's WAV when its record
 * finishes. RTP that no call announced is paired by address (both directions of one address pair
 * make one file, the lower address on the left) and written at the end of input. Feed it as
 * the analyzer's payload listener and CDR sink.
 */
public final class AudioExport implements MediaPayloadListener, CdrSink {
    /** One written file. */
    public record Written(Path file, String callId, AudioReport report) {
    }

    private final Path dir;
    private final Set<String> callIds;
    private final boolean unassociated;
    private final Consumer<Written> written;
    private final Consumer<String> problems;
    private final Map<MediaOwner, CallAudio> byOwner = new IdentityHashMap<>();
    private final Map<String, List<MediaOwner>> ownersByCallId = new LinkedHashMap<>();
    private final Map<String, CallAudio> byAddressPair = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Map<Integer, PayloadFormat> assumedFormats = new HashMap<>();

    /**
     * @param callIds      only these calls (empty: every call)
     * @param unassociated also RTP that no call announced
     */
    public AudioExport(Path dir, Set<String> callIds, boolean unassociated, Consumer<Written> written, Consumer<String> problems) {
        this.dir = dir;
        this.callIds = callIds;
        this.unassociated = unassociated;
        this.written = written;
        this.problems = problems;
    }

    /**
     * What a payload type means when no SDP said (RTP without signalling, as Wireshark's "RTP
     * dynamic payload types" preference), e.g. 111 as opus/48000/2 for WebRTC.
     */
    public void assume(PayloadFormat format) {
        assumedFormats.put(format.payloadType(), format);
    }

    @Override
    public void onPayload(MediaStream stream, long tsNanos, int sequence, long rtpTimestamp, int payloadType, boolean marker,
                          byte[] buf, int off, int len) {
        MediaOwner owner = stream.owner();
        CallAudio audio;
        boolean left;
        if (owner != null) {
            audio = byOwner.get(owner);
            if (audio == null) {
                String id = owner.callId();
                if (!callIds.isEmpty() && !callIds.contains(id)) {
                    return;
                }
                audio = new CallAudio();
                byOwner.put(owner, audio);
                ownersByCallId.computeIfAbsent(id, k -> new ArrayList<>()).add(owner);
            }
            left = stream.sender() != CallSide.CALLEE;
        } else {
            if (!unassociated) {
                return;
            }
            String src = stream.sourceText();
            String dst = stream.destinationText();
            boolean srcFirst = src.compareTo(dst) <= 0;
            String pair = srcFirst ? src + "-" + dst : dst + "-" + src;
            audio = byAddressPair.computeIfAbsent(pair, k -> new CallAudio());
            left = srcFirst;
        }
        PayloadFormat f = stream.format(payloadType);
        if (f == null) {
            f = assumedFormats.get(payloadType);
        }
        audio.onRtp(left, stream.ssrc(), tsNanos, sequence, rtpTimestamp, payloadType,
                f == null ? null : f.encoding(), f == null ? 0 : f.clockRate(), f == null ? 0 : f.channels(),
                marker, buf, off, len);
    }

    @Override
    public void onCall(Cdr cdr) {
        List<MediaOwner> owners = ownersByCallId.get(cdr.callId());
        if (owners == null || owners.isEmpty()) {
            return;
        }
        // Calls sharing a Call-ID finish in the order they started.
        MediaOwner owner = owners.removeFirst();
        if (owners.isEmpty()) {
            ownersByCallId.remove(cdr.callId());
        }
        write(byOwner.remove(owner), cdr.callId(), cdr.callId());
    }

    @Override
    public void onRegistration(RegistrationRecord registration) {
    }

    @Override
    public void onUnassociatedStream(RtpStreamReport stream) {
    }

    /** End of input: writes what no record claimed. */
    public void finish() {
        for (Map.Entry<String, List<MediaOwner>> e : ownersByCallId.entrySet()) {
            for (MediaOwner o : e.getValue()) {
                write(byOwner.remove(o), e.getKey(), e.getKey());
            }
        }
        ownersByCallId.clear();
        for (Map.Entry<String, CallAudio> e : byAddressPair.entrySet()) {
            write(e.getValue(), null, e.getKey());
        }
        byAddressPair.clear();
    }

    private void write(CallAudio audio, String callId, String name) {
        if (audio == null) {
            return;
        }
        Path file = dir.resolve(uniqueName(name) + ".wav");
        try {
            written.accept(new Written(file, callId, audio.writeWav(file)));
        } catch (IOException e) {
            problems.accept("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** A file name from a Call-ID or address pair: unsafe characters become '_', repeats get a number. */
    private String uniqueName(String name) {
        String base = name.replaceAll("[^A-Za-z0-9._@-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "_" + base;
        }
        if (base.length() > 200) {
            base = base.substring(0, 200);
        }
        String candidate = base;
        for (int i = 2; !usedNames.add(candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }
}
