package org.callscope.engine.dtlssrtp;

import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.bytes.LongObjectMap;
import org.callscope.engine.bytes.PackedEndpoint;

/**
 * Handshakes by unordered address pair. Lookups allocate nothing, so an RTP packet can ask whether
 * its pair has a handshake waiting for an announcement; pairs whose packed key collides share a
 * bucket chain and are told apart by their full addresses.
 */
final class FlowTable {
    private final LongObjectMap<DtlsFlow> buckets;
    private final List<DtlsFlow> all = new ArrayList<>();

    FlowTable(int expected) {
        buckets = new LongObjectMap<>(expected);
    }

    static long key(byte[] a, int ap, byte[] b, int bp, int addrLen) {
        long ka = PackedEndpoint.pack(a, addrLen, ap);
        long kb = PackedEndpoint.pack(b, addrLen, bp);
        long lo = Math.min(ka, kb);
        long hi = Math.max(ka, kb);
        long h = lo * 0x9E3779B97F4A7C15L + Long.rotateLeft(hi, 31) * 0xC2B2AE3D27D4EB4FL;
        return h ^ (h >>> 29);
    }

    DtlsFlow find(byte[] a, int ap, byte[] b, int bp, int addrLen) {
        long key = key(a, ap, b, bp, addrLen);
        for (DtlsFlow f = buckets.get(key); f != null; f = f.nextInBucket) {
            if (f.matches(a, ap, b, bp, addrLen)) {
                return f;
            }
        }
        return null;
    }

    void add(DtlsFlow flow) {
        flow.nextInBucket = buckets.get(flow.tableKey);
        buckets.put(flow.tableKey, flow);
        flow.listIndex = all.size();
        all.add(flow);
    }

    void remove(DtlsFlow flow) {
        DtlsFlow head = buckets.get(flow.tableKey);
        if (head == flow) {
            if (flow.nextInBucket == null) {
                buckets.remove(flow.tableKey);
            } else {
                buckets.put(flow.tableKey, flow.nextInBucket);
            }
        } else {
            for (DtlsFlow f = head; f != null; f = f.nextInBucket) {
                if (f.nextInBucket == flow) {
                    f.nextInBucket = flow.nextInBucket;
                    break;
                }
            }
        }
        flow.nextInBucket = null;
        DtlsFlow last = all.removeLast();
        if (last != flow) {
            all.set(flow.listIndex, last);
            last.listIndex = flow.listIndex;
        }
    }

    int size() {
        return all.size();
    }

    /** The flows in no particular order; do not change the table while walking it. */
    List<DtlsFlow> flows() {
        return all;
    }
}
