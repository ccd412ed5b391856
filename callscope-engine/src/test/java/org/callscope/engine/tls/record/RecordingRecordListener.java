package org.callscope.engine.tls.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Keeps what a {@link TlsRecordReader} delivers, with the reader's offsets at delivery time. */
final class RecordingRecordListener implements TlsRecordListener {
    record Delivered(int type, int version, byte[] fragment, long streamOffset, long tsNanos) {
        @Override
        public String toString() {
            String head = HexFormat.of().formatHex(fragment, 0, Math.min(8, fragment.length));
            return type + "/" + Integer.toHexString(version) + "@" + streamOffset + ":" + fragment.length + " bytes " + head + "…";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Delivered d && d.type == type && d.version == version
                    && Arrays.equals(d.fragment, fragment) && d.streamOffset == streamOffset;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(fragment);
        }
    }

    final List<Delivered> records = new ArrayList<>();
    final List<String> unframeable = new ArrayList<>();
    TlsRecordReader reader;

    @Override
    public void onRecord(int contentType, int version, byte[] buf, int off, int len, long tsNanos) {
        records.add(new Delivered(contentType, version, Arrays.copyOfRange(buf, off, off + len),
                reader == null ? -1 : reader.recordStreamOffset(), tsNanos));
    }

    @Override
    public void onUnframeable(String reason, long tsNanos) {
        unframeable.add(reason);
    }
}
