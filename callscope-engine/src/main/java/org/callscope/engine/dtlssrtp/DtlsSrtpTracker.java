package org.callscope.engine.dtlssrtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.callscope.engine.srtp.SrtpMasterKey;
import org.callscope.engine.tls.TlsVersion;
import org.callscope.engine.tls.keys.SecretLabel;
import org.callscope.engine.tls.keys.SessionKeys;
import org.callscope.engine.tls.record.ContentType;
import org.callscope.engine.tls.record.DtlsRecords;

/**
 * Follows DTLS 1.0/1.2 handshakes in UDP datagrams and, once it knows both hellos and the master
 * secret the key log holds for the client random, reports the SRTP master keys of the association
 * (RFC 5764 §4.2). See the package documentation for which handshakes are followed, how long they
 * wait and how VoIPmonitor's settings map onto that.
 *
 * <p>Owned by one thread: every method, and the listener's calls, run on the thread that feeds
 * datagrams; the listener must not call back into the tracker. Datagrams that are not DTLS cost a
 * check of their first bytes and, while a handshake waits for an SDP announcement, one
 * allocation-free table lookup.
 */
public final class DtlsSrtpTracker {
    private final SessionKeys keys;
    private final DtlsSrtpSettings settings;
    private final DtlsSrtpListener listener;
    private final FlowTable table;
    private final List<DtlsFlow> scratch = new ArrayList<>();
    /** No flow can have expired before this packet time: the oldest last-seen time at the last scan, plus the expiration. */
    private long nextExpiryNanos = Long.MAX_VALUE;
    private long lastKeyVersion = -1;
    /** Flows no SDP announced, for the check RTP packets make. */
    private int unannounced;

    private long handshakesSeen;
    private long completed;
    private long expired;
    private long dropped;
    private long notFollowed;
    private long restarted;
    private long extendedMasterSecret;
    private final Map<String, Long> failures = new TreeMap<>();

    public DtlsSrtpTracker(SessionKeys keys, DtlsSrtpSettings settings, DtlsSrtpListener listener) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.table = new FlowTable(Math.min(settings.maxQueuedHandshakes(), 1 << 16));
    }

    /**
     * RFC 7983 demultiplexing: true when the datagram is DTLS (first byte 20..63 and a DTLS version)
     * and was taken; false otherwise (RTP/RTCP/STUN go on). mediaEndpoint: whether an SDP announced
     * one of the two addresses (the caller knows). addrLen 4 or 16; arrays are not kept (copy what
     * you keep).
     *
     * @throws IllegalArgumentException   when addrLen is neither 4 nor 16
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not fit {@code buf}
     */
    public boolean onDatagram(byte[] srcAddr, int srcPort, byte[] dstAddr, int dstPort, int addrLen, boolean mediaEndpoint,
                              long tsNanos, byte[] buf, int off, int len) {
        if (addrLen != 4 && addrLen != 16) {
            throw new IllegalArgumentException("address length must be 4 or 16, got " + addrLen);
        }
        Objects.checkFromIndexSize(off, len, buf.length);
        if (!DtlsRecords.looksLikeDtls(buf, off, len)) {
            if (mediaEndpoint && unannounced > 0 && settings.handshakeSafe() != DtlsSrtpSettings.HandshakeSafe.ONLY) {
                DtlsFlow flow = table.find(srcAddr, srcPort, dstAddr, dstPort, addrLen);
                if (flow != null && !flow.announced) {
                    announce(flow);
                    settle(flow);
                }
            }
            return false;
        }
        DtlsFlow flow = table.find(srcAddr, srcPort, dstAddr, dstPort, addrLen);
        if (flow == null) {
            if (!hasHandshakeRecord(buf, off, len)) {
                return true; // encrypted records of a handshake not followed
            }
            flow = admit(srcAddr, srcPort, dstAddr, dstPort, addrLen, mediaEndpoint, tsNanos);
            if (flow == null) {
                return true;
            }
        }
        int side = flow.sideOf(srcAddr, srcPort, addrLen);
        flow.lastSeenNanos = Math.max(flow.lastSeenNanos, tsNanos);
        if (mediaEndpoint && !flow.announced) {
            announce(flow);
        }
        boolean wasTooLarge = flow.tooLarge;
        int end = off + len;
        for (int p = off; end - p >= DtlsRecords.HEADER_LENGTH;) {
            int length = u16(buf, p + 11);
            if (length > end - p - DtlsRecords.HEADER_LENGTH || !plausibleHeader(buf, p)) {
                break; // cut short or not a record: the records before it count (RFC 6347 §4.1.2.7)
            }
            int epoch = u16(buf, p + 3);
            if (epoch != 0) {
                flow.encryptedRecord(side);
            } else if ((buf[p] & 0xff) == ContentType.HANDSHAKE
                    && flow.handshakeRecord(side, buf, p + DtlsRecords.HEADER_LENGTH, length, tsNanos,
                    settings.maxQueuedBytesPerHandshake())) {
                restarted++;
                handshakesSeen++;
            }
            p += DtlsRecords.HEADER_LENGTH + length;
        }
        if (flow.tooLarge && !wasTooLarge) {
            dropped++;
        }
        settle(flow);
        return true;
    }

    /**
     * A key arrived (key log file, UDP receiver, key datagram in the capture): queued handshakes
     * waiting for it complete now. Expires first what is due at {@code nowNanos}, so a key that comes
     * after its handshake expired changes nothing. Cheap when the store has not changed.
     */
    public void keysMayHaveArrived(long nowNanos) {
        expire(nowNanos);
        long version = keys.version();
        if (version == lastKeyVersion) {
            return;
        }
        lastKeyVersion = version;
        scratch.clear();
        for (DtlsFlow f : table.flows()) {
            if (f.waitingForKey()) {
                scratch.add(f);
            }
        }
        for (DtlsFlow f : scratch) {
            settle(f);
        }
        scratch.clear();
    }

    /** Packet-time housekeeping: drops queued handshakes older than the expiration (counted). */
    public void expire(long nowNanos) {
        if (nowNanos <= nextExpiryNanos) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        scratch.clear();
        for (DtlsFlow f : table.flows()) {
            if (nowNanos - f.lastSeenNanos > settings.queueExpirationNanos()) {
                scratch.add(f);
            } else {
                oldest = Math.min(oldest, f.lastSeenNanos);
            }
        }
        nextExpiryNanos = oldest == Long.MAX_VALUE ? Long.MAX_VALUE : oldest + settings.queueExpirationNanos();
        for (DtlsFlow f : scratch) {
            drop(f);
        }
        scratch.clear();
    }

    /**
     * The keys last reported for this address pair (either order), while {@code queueKeep} keeps
     * them and they have not expired; null otherwise.
     */
    public DtlsSrtpKeys keptKeys(byte[] addrA, int portA, byte[] addrB, int portB, int addrLen) {
        DtlsFlow flow = table.find(addrA, portA, addrB, portB, addrLen);
        return flow != null && flow.delivered ? flow.keys : null;
    }

    /** Handshakes seen, completed, waiting, expired, dropped (queue full), failures by reason. */
    public DtlsSrtpStats stats() {
        long waiting = 0;
        for (DtlsFlow f : table.flows()) {
            if (!f.delivered) {
                waiting++;
            }
        }
        return new DtlsSrtpStats(handshakesSeen, completed, waiting, expired, dropped, notFollowed, restarted,
                extendedMasterSecret, failures);
    }

    public DtlsSrtpSettings settings() {
        return settings;
    }

    private DtlsFlow admit(byte[] srcAddr, int srcPort, byte[] dstAddr, int dstPort, int addrLen, boolean mediaEndpoint,
                           long tsNanos) {
        boolean follow = mediaEndpoint || settings.queue() || settings.handshakeSafe() != DtlsSrtpSettings.HandshakeSafe.NO;
        boolean looped = srcPort == dstPort && Arrays.equals(srcAddr, 0, addrLen, dstAddr, 0, addrLen);
        if (!follow || looped) {
            notFollowed++;
            return null;
        }
        if (table.size() >= settings.maxQueuedHandshakes()) {
            expire(tsNanos);
            if (table.size() >= settings.maxQueuedHandshakes()) {
                dropped++;
                return null;
            }
        }
        DtlsFlow flow = new DtlsFlow(srcAddr, srcPort, dstAddr, dstPort, addrLen,
                FlowTable.key(srcAddr, srcPort, dstAddr, dstPort, addrLen));
        flow.lastSeenNanos = tsNanos;
        table.add(flow);
        nextExpiryNanos = Math.min(nextExpiryNanos, tsNanos + settings.queueExpirationNanos());
        unannounced++;
        handshakesSeen++;
        return flow;
    }

    private void announce(DtlsFlow flow) {
        flow.announced = true;
        unannounced--;
    }

    /** Computes keys when everything is there, gives up when the key is due, reports what may be reported. */
    private void settle(DtlsFlow flow) {
        if (flow.delivered) {
            return;
        }
        if (flow.waitingForKey()) {
            byte[] secret = keys.masterSecret(flow.clientRandom());
            if (secret != null) {
                computeKeys(flow, secret);
            } else if (!settings.queue() && flow.handshakeOver()) {
                flow.failure = "no key"; // without the queue the key must be there when the handshake ends
            }
        }
        if ((flow.keys != null || flow.failure != null) && reportable(flow)) {
            deliver(flow);
        }
    }

    private void computeKeys(DtlsFlow flow, byte[] secret) {
        SrtpMasterKey[] k;
        try {
            k = SrtpKeyExport.export(flow.version(), flow.cipherSuite(), flow.profile(), secret, flow.clientRandom(),
                    flow.serverRandom());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        int c = flow.clientSide();
        flow.keys = new DtlsSrtpKeys(flow.addr[c], flow.port[c], flow.addr[1 - c], flow.port[1 - c], k[0], k[1],
                flow.version().displayName(), flow.cipherSuiteName(), flow.serverHelloNanos());
        if (!settings.sessionKeyKeep()) {
            keys.remove(SecretLabel.CLIENT_RANDOM, flow.clientRandom());
        }
    }

    /** Whether the outcome may go to the listener now, by the announcement rules of the package documentation. */
    private boolean reportable(DtlsFlow flow) {
        return switch (settings.handshakeSafe()) {
            case ONLY -> true;
            case EXT -> flow.announced;
            case YES, NO -> flow.announced && (settings.queue() || flow.helloSeenAnnounced || !flow.hasHello());
        };
    }

    private void deliver(DtlsFlow flow) {
        flow.delivered = true;
        if (flow.keys != null) {
            completed++;
            if (flow.extendedMasterSecret()) {
                extendedMasterSecret++;
            }
            DtlsSrtpKeys k = flow.keys;
            if (!settings.queueKeep()) {
                flow.keys = null;
            }
            listener.onKeys(k);
        } else {
            fail(flow, flow.failure);
        }
    }

    private void fail(DtlsFlow flow, String reason) {
        failures.merge(reason, 1L, Long::sum);
        int c = flow.clientSide();
        listener.onFailure(new DtlsSrtpFailure(flow.addr[c], flow.port[c], flow.addr[1 - c], flow.port[1 - c], reason));
    }

    /** An expired flow leaves the table; one that never reported says why if it may report. */
    private void drop(DtlsFlow flow) {
        table.remove(flow);
        if (!flow.announced) {
            unannounced--;
        }
        if (flow.delivered) {
            return;
        }
        expired++;
        if (flow.keys == null && reportable(flow)) {
            flow.delivered = true;
            fail(flow, flow.failure != null ? flow.failure : flow.hellosComplete() ? "no key" : "handshake incomplete");
        }
    }

    private static boolean hasHandshakeRecord(byte[] buf, int off, int len) {
        int end = off + len;
        for (int p = off; end - p >= DtlsRecords.HEADER_LENGTH;) {
            int length = u16(buf, p + 11);
            if (length > end - p - DtlsRecords.HEADER_LENGTH || !plausibleHeader(buf, p)) {
                return false;
            }
            if ((buf[p] & 0xff) == ContentType.HANDSHAKE && u16(buf, p + 3) == 0) {
                return true;
            }
            p += DtlsRecords.HEADER_LENGTH + length;
        }
        return false;
    }

    /** A known content type and a DTLS 1.0 or 1.2 version. */
    private static boolean plausibleHeader(byte[] buf, int p) {
        int version = u16(buf, p + 1);
        return ContentType.isKnown(buf[p] & 0xff)
                && (version == TlsVersion.DTLS_1_0.code() || version == TlsVersion.DTLS_1_2.code());
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }
}
