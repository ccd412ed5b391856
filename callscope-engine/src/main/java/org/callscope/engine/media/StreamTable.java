package org.callscope.engine.media;

import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.bytes.LongObjectMap;
import org.callscope.engine.decode.DecodedPacket;

/**
 * Live RTP streams keyed by (source, destination, SSRC) folded into one 64-bit hash. A lookup
 * confirms the full tuple; the rare hash collision chains through {@link Bucket}. Allocation-free
 * on lookup. Owned by one media thread.
 */
final class StreamTable {
    private final LongObjectMap<Object> table = new LongObjectMap<>(1024);
    private int size;

    static long hash(long srcKey, long dstKey, long ssrc) {
        long h = srcKey * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ dstKey) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 31) ^ ssrc) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }

    MediaStream find(long hash, DecodedPacket p, long ssrc) {
        Object o = table.get(hash);
        if (o instanceof MediaStream s) {
            return s.matches(p, ssrc) ? s : null;
        }
        if (o instanceof Bucket b) {
            for (MediaStream s : b.streams) {
                if (s.matches(p, ssrc)) {
                    return s;
                }
            }
        }
        return null;
    }

    void add(long hash, MediaStream stream) {
        Object o = table.get(hash);
        if (o == null) {
            table.put(hash, stream);
        } else if (o instanceof MediaStream s) {
            Bucket b = new Bucket();
            b.streams.add(s);
            b.streams.add(stream);
            table.put(hash, b);
        } else {
            ((Bucket) o).streams.add(stream);
        }
        size++;
    }

    void remove(long hash, MediaStream stream) {
        Object o = table.get(hash);
        if (o == stream) {
            table.remove(hash);
            size--;
        } else if (o instanceof Bucket b && b.streams.remove(stream)) {
            size--;
            if (b.streams.size() == 1) {
                table.put(hash, b.streams.get(0));
            }
        }
    }

    int size() {
        return size;
    }

    private static final class Bucket {
        final List<MediaStream> streams = new ArrayList<>(2);
    }
}
