package org.callscope.engine.defrag;

import java.util.HashMap;
import java.util.Map;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;

/**
 * Reassembles IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5) datagrams from fragments, on packet time.
 *
 * <p>Fragments may arrive in any order. Exact duplicates are ignored; any other overlap is counted
 * as {@link Anomaly#FRAGMENT_OVERLAP} and the bytes received first are kept (what Linux and most
 * stacks deliver), so a crafted overlap cannot make us see something the endpoint did not.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>when exceeded</th></tr>
 *   <tr><td>datagram payload</td><td>{@value #MAX_IPV4_PAYLOAD} (IPv4), {@value #MAX_IPV6_PAYLOAD} (IPv6)</td>
 *       <td>{@code FRAGMENT_TOO_LARGE}, datagram dropped</td></tr>
 *   <tr><td>datagrams in progress</td><td>{@value #DEFAULT_MAX_DATAGRAMS}</td>
 *       <td>{@code FRAGMENT_TABLE_FULL}, oldest evicted</td></tr>
 *   <tr><td>bytes held</td><td>{@value #DEFAULT_MAX_BYTES}</td><td>{@code FRAGMENT_TABLE_FULL}, oldest evicted</td></tr>
 *   <tr><td>age of a datagram</td><td>{@value #DEFAULT_TIMEOUT_NANOS} ns</td><td>{@code FRAGMENT_TIMEOUT}, dropped</td></tr>
 * </table>
 *
 * <p>Owned by one thread (the decoding thread). Allocates per fragment (a key, and per datagram its
 * buffer), which is acceptable because fragments are rare and the bounds above cap the total.
 * The buffer of a completed datagram stays valid until the next call.
 */
public final class IpDefragmenter {
    /** RFC 791 §3.1: total length is 16 bits and includes the header of at least 20 bytes. */
    public static final int MAX_IPV4_PAYLOAD = 65_535 - 20;
    /** RFC 8200 §4.5: a reassembled packet whose payload would exceed 65,535 bytes is an error. */
    public static final int MAX_IPV6_PAYLOAD = 65_535;
    /**
     * Linux {@code net.ipv4.ipfrag_time} defaults to 30 s; RFC 791 suggests 15 s as the initial
     * timer and RFC 8200 §4.5 60 s. We keep Linux's value, what the monitored hosts most often do.
     */
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    /** Enough for a burst of fragmented SIP INVITEs from hundreds of phones at once. */
    public static final int DEFAULT_MAX_DATAGRAMS = 1024;
    /** Linux {@code net.ipv4.ipfrag_high_thresh} defaults to 4 MiB. */
    public static final long DEFAULT_MAX_BYTES = 4L << 20;

    private final AnomalyCounters anomalies;
    private final long timeoutNanos;
    private final int maxDatagrams;
    private final long maxBytes;
    private final Map<FragmentKey, PartialDatagram> table = new HashMap<>();
    private PartialDatagram oldest;
    private PartialDatagram newest;
    private long bytesHeld;

    private byte[] completed = new byte[0];
    private int completedLength;
    private int completedProtocol;

    public IpDefragmenter(AnomalyCounters anomalies) {
        this(anomalies, DEFAULT_TIMEOUT_NANOS, DEFAULT_MAX_DATAGRAMS, DEFAULT_MAX_BYTES);
    }

    public IpDefragmenter(AnomalyCounters anomalies, long timeoutNanos, int maxDatagrams, long maxBytes) {
        if (timeoutNanos <= 0 || maxDatagrams <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.anomalies = anomalies;
        this.timeoutNanos = timeoutNanos;
        this.maxDatagrams = maxDatagrams;
        this.maxBytes = maxBytes;
    }

    /**
     * Offers one IPv4 fragment: its payload is {@code buf[off, off + length)}.
     *
     * @param src            source address in bytes 0..3
     * @param dst            destination address in bytes 0..3
     * @param offsetBytes    fragment offset times 8
     * @param moreFragments  the MF flag
     */
    public FragmentResult offerIpv4(long nowNanos, byte[] src, byte[] dst, int identification, int protocol,
                                    int offsetBytes, boolean moreFragments, byte[] buf, int off, int length) {
        expire(nowNanos);
        if (offsetBytes + length > MAX_IPV4_PAYLOAD) {
            anomalies.count(Anomaly.FRAGMENT_TOO_LARGE);
            drop(table.get(FragmentKey.ipv4(src, dst, identification, protocol)));
            return FragmentResult.DROPPED;
        }
        return offer(nowNanos, FragmentKey.ipv4(src, dst, identification, protocol), protocol,
                offsetBytes, moreFragments, buf, off, length);
    }

    /**
     * Offers one IPv6 fragment: the fragmentable part after the Fragment header is
     * {@code buf[off, off + length)}.
     *
     * @param src         source address, 16 bytes
     * @param dst         destination address, 16 bytes
     * @param nextHeader  the Fragment header's Next Header; used from the fragment at offset 0
     */
    public FragmentResult offerIpv6(long nowNanos, byte[] src, byte[] dst, long identification, int nextHeader,
                                    int offsetBytes, boolean moreFragments, byte[] buf, int off, int length) {
        expire(nowNanos);
        if (offsetBytes + length > MAX_IPV6_PAYLOAD) {
            anomalies.count(Anomaly.FRAGMENT_TOO_LARGE);
            drop(table.get(FragmentKey.ipv6(src, dst, identification)));
            return FragmentResult.DROPPED;
        }
        return offer(nowNanos, FragmentKey.ipv6(src, dst, identification), offsetBytes == 0 ? nextHeader : -1,
                offsetBytes, moreFragments, buf, off, length);
    }

    /**
     * Drops, oldest first, datagrams whose first fragment is at least the timeout older than
     * {@code nowNanos} (packet time). Stops at the first datagram still in time, so a clock that steps
     * back delays expiry but never loses a datagram early. Called by every offer; callers also call it
     * as packet time advances. Allocates nothing.
     */
    public void expire(long nowNanos) {
        while (oldest != null && nowNanos - oldest.firstSeenNanos >= timeoutNanos) {
            anomalies.count(Anomaly.FRAGMENT_TIMEOUT);
            drop(oldest);
        }
    }

    /** The reassembled payload after {@link FragmentResult#COMPLETE}: {@code buffer()[0, length())}. */
    public byte[] buffer() {
        return completed;
    }

    public int length() {
        return completedLength;
    }

    /** IP protocol (IPv4) or next header (IPv6) of the reassembled payload. */
    public int protocol() {
        return completedProtocol;
    }

    /** Datagrams waiting for fragments. */
    public int inProgress() {
        return table.size();
    }

    /** Bytes charged to datagrams in progress. */
    public long bytesHeld() {
        return bytesHeld;
    }

    private FragmentResult offer(long nowNanos, FragmentKey key, int protocol, int offsetBytes,
                                 boolean more, byte[] buf, int off, int length) {
        // RFC 791 §3.2 / RFC 8200 §4.5: every fragment but the last carries a multiple of 8 bytes.
        if (length <= 0 || (more && length % PartialDatagram.BLOCK != 0)) {
            anomalies.count(Anomaly.FRAGMENT_BAD_LENGTH);
            return FragmentResult.DROPPED;
        }
        PartialDatagram d = table.get(key);
        if (d == null) {
            if (table.size() >= maxDatagrams) {
                anomalies.count(Anomaly.FRAGMENT_TABLE_FULL);
                drop(oldest);
            }
            d = new PartialDatagram(key, nowNanos, protocol);
            table.put(key, d);
            link(d);
            bytesHeld += d.footprint();
        } else if (d.protocol < 0) {
            d.protocol = protocol;
        }
        int before = d.footprint();
        int outcome = d.add(offsetBytes, more, buf, off, length);
        bytesHeld += d.footprint() - before;
        if (outcome == PartialDatagram.INCONSISTENT) {
            anomalies.count(Anomaly.FRAGMENT_OVERLAP);
            return FragmentResult.DROPPED;
        }
        if (outcome == PartialDatagram.ADDED_WITH_OVERLAP) {
            anomalies.count(Anomaly.FRAGMENT_OVERLAP);
        }
        if (d.complete() && d.protocol >= 0) {
            completed = d.data;
            completedLength = d.totalLength;
            completedProtocol = d.protocol;
            drop(d);
            return FragmentResult.COMPLETE;
        }
        while (bytesHeld > maxBytes && oldest != null) {
            anomalies.count(Anomaly.FRAGMENT_TABLE_FULL);
            boolean self = oldest == d;
            drop(oldest);
            if (self) {
                return FragmentResult.DROPPED;
            }
        }
        return FragmentResult.HELD;
    }

    private void link(PartialDatagram d) {
        d.older = newest;
        if (newest != null) {
            newest.newer = d;
        } else {
            oldest = d;
        }
        newest = d;
    }

    private void drop(PartialDatagram d) {
        if (d == null) {
            return;
        }
        table.remove(d.key);
        bytesHeld -= d.footprint();
        if (d.older != null) {
            d.older.newer = d.newer;
        } else {
            oldest = d.newer;
        }
        if (d.newer != null) {
            d.newer.older = d.older;
        } else {
            newest = d.older;
        }
        d.older = null;
        d.newer = null;
    }
}
