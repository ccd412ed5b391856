package org.callscope.engine.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.dtlssrtp.DtlsSrtpFailure;
import org.callscope.engine.dtlssrtp.DtlsSrtpKeys;
import org.callscope.engine.dtlssrtp.DtlsSrtpListener;
import org.callscope.engine.srtp.SrtpContext;
import org.callscope.engine.srtp.SrtpPolicy;
import org.callscope.engine.tls.keys.IpPort;

/**
 * SRTP keys that are not tied to a call's SDP: keys the operator gave for a sender's address, and
 * keys a DTLS-SRTP handshake yielded for one direction of an address pair (it listens to the
 * {@link org.callscope.engine.dtlssrtp.DtlsSrtpTracker}), or why a handshake yielded none. SDES keys live with the
 * call that announced them ({@link MediaOwner#sdesKeysSentBy}). Owned by the analysis thread.
 *
 * <p>{@link #version()} moves whenever a key is added, so a stream still without a key looks
 * again only when something new could be there.
 */
public final class SrtpKeyring implements DtlsSrtpListener {
    /** DTLS-SRTP directions remembered at once; the oldest handshake's keys go first. */
    static final int MAX_DTLS_FLOWS = 100_000;

    private final Map<IpPort, List<SrtpPolicy>> bySender = new HashMap<>();
    private final LinkedHashMap<Flow, SrtpPolicy> dtls = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Flow, SrtpPolicy> eldest) {
            return size() > MAX_DTLS_FLOWS;
        }
    };
    private final LinkedHashMap<Flow, Boolean> dtlsHandshakes = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Flow, Boolean> eldest) {
            return size() > MAX_DTLS_FLOWS;
        }
    };
    private final LinkedHashMap<Flow, String> dtlsProblems = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Flow, String> eldest) {
            return size() > MAX_DTLS_FLOWS;
        }
    };
    /** SRTCP contexts of DTLS-keyed flows: without rtcp-mux, RTCP has a handshake and keys of its own. */
    private final LinkedHashMap<Flow, SrtpContext> dtlsRtcp = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Flow, SrtpContext> eldest) {
            return size() > MAX_DTLS_FLOWS;
        }
    };
    private int version;
    private boolean decryptRtp = true;
    private boolean decryptRtcp = true;
    /** Bytes of SRTP held for keys that may still come, over every stream. */
    private long heldBytes;
    /** Bound of {@link #heldBytes}. */
    static final long MAX_HELD_BYTES = 16L << 20;

    /** Keys for what {@code sender} sends (the address that announced them, where its media comes from). */
    public void addForSender(IpPort sender, SrtpPolicy policy) {
        bySender.computeIfAbsent(sender, k -> new ArrayList<>()).add(policy);
        version++;
    }

    /** Keys a DTLS-SRTP handshake yielded for packets from {@code src} to {@code dst}. */
    public void addDtls(IpPort src, IpPort dst, SrtpPolicy policy) {
        dtls.put(new Flow(src, dst), policy);
        dtlsHandshakes.put(new Flow(src, dst), Boolean.TRUE);
        version++;
    }

    @Override
    public void onKeys(DtlsSrtpKeys keys) {
        IpPort client = endpoint(keys.clientAddr(), keys.clientPort());
        IpPort server = endpoint(keys.serverAddr(), keys.serverPort());
        dtlsProblems.remove(new Flow(client, server));
        dtlsProblems.remove(new Flow(server, client));
        dtlsRtcp.remove(new Flow(client, server));
        dtlsRtcp.remove(new Flow(server, client));
        addDtls(client, server, SrtpPolicy.of(keys.clientWrite()));
        addDtls(server, client, SrtpPolicy.of(keys.serverWrite()));
    }

    @Override
    public void onFailure(DtlsSrtpFailure failure) {
        IpPort client = endpoint(failure.clientAddr(), failure.clientPort());
        IpPort server = endpoint(failure.serverAddr(), failure.serverPort());
        String why = "DTLS-SRTP: " + failure.reason();
        dtlsProblems.put(new Flow(client, server), why);
        dtlsProblems.put(new Flow(server, client), why);
        dtlsSeen(client, server);
    }

    /**
     * The SRTCP context for RTCP from {@code src} to {@code dst} when a DTLS-SRTP handshake on
     * exactly that address pair keyed it, else null (then the RTP stream's key applies).
     */
    SrtpContext dtlsRtcpContext(IpPort src, IpPort dst) {
        Flow f = new Flow(src, dst);
        SrtpContext c = dtlsRtcp.get(f);
        if (c == null) {
            SrtpPolicy p = dtls.get(f);
            if (p == null) {
                return null;
            }
            c = new SrtpContext(p);
            dtlsRtcp.put(f, c);
        }
        return c;
    }

    /** A DTLS handshake was seen between the two addresses: media between them is SRTP. */
    public void dtlsSeen(IpPort a, IpPort b) {
        if (dtlsHandshakes.putIfAbsent(new Flow(a, b), Boolean.TRUE) == null) {
            dtlsHandshakes.put(new Flow(b, a), Boolean.TRUE);
            version++;
        }
    }

    /** VoIPmonitor's {@code srtp_rtp} and {@code srtp_rtcp}: whether SRTP and SRTCP are decrypted at all. */
    public void setDecryption(boolean rtp, boolean rtcp) {
        decryptRtp = rtp;
        decryptRtcp = rtcp;
    }

    boolean decryptsRtp() {
        return decryptRtp;
    }

    boolean decryptsRtcp() {
        return decryptRtcp;
    }

    /** Takes {@code bytes} of the budget for packets held until their key comes; false when it is spent. */
    boolean reserveHeld(long bytes) {
        if (heldBytes + bytes > MAX_HELD_BYTES) {
            return false;
        }
        heldBytes += bytes;
        return true;
    }

    void releaseHeld(long bytes) {
        heldBytes -= bytes;
    }

    /** Moves when a key is added. */
    public int version() {
        return version;
    }

    /** Whether media between these addresses is known to be SRTP without SDP: a key or a handshake names them. */
    boolean knowsFlow(IpPort src, IpPort dst) {
        return bySender.containsKey(src) || dtlsHandshakes.containsKey(new Flow(src, dst));
    }

    /** A DTLS handshake was seen on this direction's address pair and has produced neither keys nor a failure yet. */
    boolean dtlsPending(IpPort src, IpPort dst) {
        Flow f = new Flow(src, dst);
        return dtlsHandshakes.containsKey(f) && !dtls.containsKey(f) && !dtlsProblems.containsKey(f);
    }

    /** The keys that may protect packets from {@code src} to {@code dst}, DTLS first. */
    void candidates(IpPort src, IpPort dst, List<SrtpCandidate> into) {
        Flow f = new Flow(src, dst);
        SrtpPolicy d = dtls.get(f);
        if (d != null) {
            into.add(SrtpCandidate.usable(d, "dtls"));
        } else if (dtlsProblems.containsKey(f)) {
            into.add(SrtpCandidate.unusable("dtls", dtlsProblems.get(f)));
        }
        List<SrtpPolicy> given = bySender.get(src);
        if (given != null) {
            for (SrtpPolicy p : given) {
                into.add(SrtpCandidate.usable(p, "option"));
            }
        }
    }

    static IpPort endpoint(byte[] addr, int port) {
        return endpoint(addr, addr.length, port);
    }

    static IpPort endpoint(byte[] addr, int addrLength, int port) {
        return new IpPort(DecodedPacket.addressString(addr, addrLength), port);
    }

    private record Flow(IpPort src, IpPort dst) {
    }
}
