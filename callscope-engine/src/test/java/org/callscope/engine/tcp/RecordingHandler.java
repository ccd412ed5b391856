package org.callscope.engine.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test handler: keeps every byte, gap and close in order, and checks nothing follows a close. */
final class RecordingHandler implements TcpStreamHandler {
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    /** Stream positions: delivered bytes as themselves, gaps as runs of -1. */
    final List<Integer> positions = new ArrayList<>();
    /** Gaps of random streams can be huge: keep positions only where a test reads them. */
    boolean trackPositions = true;
    long missing;
    int closes;
    long closeTs = -1;

    @Override
    public void onData(byte[] buf, int off, int len, long tsNanos) {
        if (closes > 0) {
            throw new AssertionError("data after close");
        }
        if (len <= 0) {
            throw new AssertionError("empty onData");
        }
        data.write(buf, off, len);
        for (int i = 0; trackPositions && i < len; i++) {
            positions.add(buf[off + i] & 0xff);
        }
        if (trackPositions) {
            events.add("data:" + new String(buf, off, len, StandardCharsets.ISO_8859_1));
        }
    }

    @Override
    public void onGap(long missingBytes, long tsNanos) {
        if (closes > 0) {
            throw new AssertionError("gap after close");
        }
        if (missingBytes <= 0) {
            throw new AssertionError("gap of " + missingBytes);
        }
        missing += missingBytes;
        for (long i = 0; trackPositions && i < missingBytes; i++) {
            positions.add(-1);
        }
        events.add("gap:" + missingBytes);
    }

    @Override
    public void onClose(long tsNanos) {
        closes++;
        closeTs = tsNanos;
        events.add("close");
    }

    String text() {
        return data.toString(StandardCharsets.ISO_8859_1);
    }
}
