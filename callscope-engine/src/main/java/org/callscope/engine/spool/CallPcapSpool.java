package org.callscope.engine.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.callscope.engine.call.CallRecorder;
import org.callscope.engine.capture.CapturedPacket;

/**
 * Writes each call's frames to {@code <Call-ID>.sip.pcap} and {@code <Call-ID>.rtp.pcap} in one
 * directory. Files are created on a call's first frame of that kind. A write failure is reported
 * once per call and the rest of the call is not written; analysis goes on.
 */
public final class CallPcapSpool implements CallRecorder.Factory {
    /** Snap length written into the pcap headers: the largest frame we pass on. */
    static final int SNAPLEN = 262_144;

    private final Path dir;
    private final boolean saveSip;
    private final boolean saveRtp;
    private final Consumer<String> errors;

    public CallPcapSpool(Path dir, boolean saveSip, boolean saveRtp, Consumer<String> errors) {
        this.dir = dir;
        this.saveSip = saveSip;
        this.saveRtp = saveRtp;
        this.errors = errors;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create pcap directory " + dir, e);
        }
    }

    @Override
    public CallRecorder open(String callId) {
        return new Recorder(SafeFileNames.of(callId));
    }

    private final class Recorder implements CallRecorder {
        private final String base;
        private PcapWriter sip;
        private PcapWriter rtp;
        private boolean failed;

        Recorder(String base) {
            this.base = base;
        }

        @Override
        public void sip(CapturedPacket frame) {
            if (!saveSip || failed) {
                return;
            }
            try {
                if (sip == null) {
                    sip = new PcapWriter(dir.resolve(base + ".sip.pcap"), frame.linkType, SNAPLEN);
                }
                sip.write(frame);
            } catch (IOException e) {
                fail(e);
            }
        }

        @Override
        public void rtp(CapturedPacket frame) {
            if (!saveRtp || failed) {
                return;
            }
            try {
                if (rtp == null) {
                    rtp = new PcapWriter(dir.resolve(base + ".rtp.pcap"), frame.linkType, SNAPLEN);
                }
                rtp.write(frame);
            } catch (IOException e) {
                fail(e);
            }
        }

        @Override
        public void close() {
            try {
                if (sip != null) {
                    sip.close();
                }
                if (rtp != null) {
                    rtp.close();
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        private void fail(IOException e) {
            if (!failed) {
                failed = true;
                errors.accept("callscope: cannot write capture of call " + base + " in " + dir + ": " + e.getMessage());
            }
        }
    }
}
