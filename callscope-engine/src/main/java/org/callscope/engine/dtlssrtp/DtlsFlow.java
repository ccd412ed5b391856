package org.callscope.engine.dtlssrtp;

import java.util.Arrays;
import org.callscope.engine.srtp.SrtpSuite;
import org.callscope.engine.tls.TlsVersion;
import org.callscope.engine.tls.crypto.CipherSuite;
import org.callscope.engine.tls.crypto.CipherSuites;
import org.callscope.engine.tls.handshake.ClientHello;
import org.callscope.engine.tls.handshake.DtlsHandshakeReassembler;
import org.callscope.engine.tls.handshake.HandshakeListener;
import org.callscope.engine.tls.handshake.HandshakeType;
import org.callscope.engine.tls.handshake.ServerHello;
import org.callscope.engine.tls.handshake.TlsParseException;

/**
 * One address pair's DTLS handshake as far as DTLS-SRTP needs it: the two hellos (RFC 6347 §4.2,
 * reassembled per direction), what they negotiated, and the outcome once known. Side 0 is the end
 * that sent the first datagram seen, side 1 the other. Each direction stops reassembling once its
 * hello is read; a ClientHello with another random (or one after a ServerHello without its own
 * ClientHello) starts the pair's handshake afresh. Epoch 0 only: what follows ChangeCipherSpec is
 * encrypted and only marks that side as done.
 */
final class DtlsFlow {
    final byte[][] addr = new byte[2][];
    final int[] port = new int[2];
    final long tableKey;
    DtlsFlow nextInBucket;
    int listIndex;

    /** An SDP announced one of the two ends (sticks to the pair). */
    boolean announced;
    /** A hello was read while the pair was announced (handshake-safe level 1). */
    boolean helloSeenAnnounced;
    long lastSeenNanos;

    private int clientSide = -1;
    private ClientHello clientHello;
    private ServerHello serverHello;
    private long serverHelloNanos;
    private TlsVersion version;
    private CipherSuite cipherSuite;
    private SrtpSuite profile;
    private final DtlsHandshakeReassembler[] reassemblers = new DtlsHandshakeReassembler[2];
    private final boolean[] helloRead = new boolean[2];
    private final boolean[] encryptedSeen = new boolean[2];
    private long fedBytes;

    /** Keys computed, not yet delivered or kept after delivery. */
    DtlsSrtpKeys keys;
    /** Why this handshake produces no keys, once known. */
    String failure;
    /** The outcome went to the listener. */
    boolean delivered;
    /** The handshake was given up for exceeding its bytes. */
    boolean tooLarge;

    DtlsFlow(byte[] srcAddr, int srcPort, byte[] dstAddr, int dstPort, int addrLen, long tableKey) {
        addr[0] = Arrays.copyOf(srcAddr, addrLen);
        addr[1] = Arrays.copyOf(dstAddr, addrLen);
        port[0] = srcPort;
        port[1] = dstPort;
        this.tableKey = tableKey;
    }

    /** 0 or 1 when {@code a:p} is one of the two ends, else -1. Allocates nothing. */
    int sideOf(byte[] a, int p, int addrLen) {
        for (int side = 0; side < 2; side++) {
            if (port[side] == p && addr[side].length == addrLen && Arrays.equals(addr[side], 0, addrLen, a, 0, addrLen)) {
                return side;
            }
        }
        return -1;
    }

    /** Whether this pair is {@code a:ap} and {@code b:bp} in either order. */
    boolean matches(byte[] a, int ap, byte[] b, int bp, int addrLen) {
        int sa = sideOf(a, ap, addrLen);
        return sa >= 0 && sideOf(b, bp, addrLen) == 1 - sa;
    }

    /**
     * The plaintext of one epoch-0 handshake record from {@code side}.
     *
     * @return true when it began a new handshake on this pair, replacing the one held
     */
    boolean handshakeRecord(int side, byte[] buf, int off, int len, long tsNanos, int maxBytes) {
        boolean restarted = false;
        if (startsNewHandshake(buf, off, len)) {
            restart();
            restarted = true;
        }
        if (helloRead[side] || tooLarge) {
            return restarted;
        }
        fedBytes += len;
        if (fedBytes > maxBytes) {
            tooLarge = true;
            reassemblers[0] = null;
            reassemblers[1] = null;
            if (keys == null && failure == null) {
                failure = "handshake too large";
            }
            return restarted;
        }
        if (reassemblers[side] == null) {
            reassemblers[side] = new DtlsHandshakeReassembler(new SideListener(side), maxBytes);
        }
        reassemblers[side].feed(buf, off, len, tsNanos);
        if (helloRead[side]) {
            reassemblers[side] = null; // nothing after the hello is needed
        }
        return restarted;
    }

    /** A record of epoch 1 or later from {@code side}: it has sent its Finished. */
    void encryptedRecord(int side) {
        encryptedSeen[side] = true;
    }

    /** Both ends have switched to epoch 1: the handshake is over as far as the wire shows. */
    boolean handshakeOver() {
        return encryptedSeen[0] && encryptedSeen[1];
    }

    boolean hellosComplete() {
        return clientHello != null && serverHello != null;
    }

    boolean hasHello() {
        return clientHello != null || serverHello != null;
    }

    /** Waiting for its master secret: hellos read, parameters usable, no outcome yet. */
    boolean waitingForKey() {
        return !delivered && keys == null && failure == null && hellosComplete();
    }

    boolean extendedMasterSecret() {
        return serverHello != null && serverHello.extendedMasterSecret();
    }

    byte[] clientRandom() {
        return clientHello.random();
    }

    byte[] serverRandom() {
        return serverHello.random();
    }

    TlsVersion version() {
        return version;
    }

    CipherSuite cipherSuite() {
        return cipherSuite;
    }

    String cipherSuiteName() {
        return CipherSuites.nameOf(serverHello.cipherSuite());
    }

    SrtpSuite profile() {
        return profile;
    }

    long serverHelloNanos() {
        return serverHelloNanos;
    }

    /** The DTLS client's side once a hello told it, else side 0. */
    int clientSide() {
        return clientSide < 0 ? 0 : clientSide;
    }

    /** A ClientHello whose random differs from the one held, or one that comes after a lone ServerHello. */
    private boolean startsNewHandshake(byte[] buf, int off, int len) {
        if (clientHello == null && serverHello == null) {
            return false;
        }
        int end = off + len;
        for (int p = off; end - p >= DtlsHandshakeReassembler.HEADER_LENGTH;) {
            int type = buf[p] & 0xff;
            int fragmentOffset = u24(buf, p + 6);
            int fragmentLength = u24(buf, p + 9);
            int data = p + DtlsHandshakeReassembler.HEADER_LENGTH;
            if (fragmentLength > end - data) {
                return false;
            }
            if (type == HandshakeType.CLIENT_HELLO && fragmentOffset == 0 && fragmentLength >= 2 + 32) {
                return clientHello == null || !Arrays.equals(clientHello.random(), 0, 32, buf, data + 2, data + 34);
            }
            p = data + fragmentLength;
        }
        return false;
    }

    private void restart() {
        clientSide = -1;
        clientHello = null;
        serverHello = null;
        version = null;
        cipherSuite = null;
        profile = null;
        reassemblers[0] = null;
        reassemblers[1] = null;
        Arrays.fill(helloRead, false);
        Arrays.fill(encryptedSeen, false);
        fedBytes = 0;
        keys = null;
        failure = null;
        delivered = false;
        tooLarge = false;
        helloSeenAnnounced = false;
    }

    private void clientHello(int side, byte[] body) {
        helloRead[side] = true;
        if (clientHello != null) {
            return; // the cookie exchange's second ClientHello keeps the random (RFC 6347 §4.2.1)
        }
        try {
            clientHello = ClientHello.parse(body, true);
        } catch (TlsParseException e) {
            setFailure("bad ClientHello: " + e.getMessage());
            return;
        }
        clientSide = side;
        helloSeenAnnounced |= announced;
        if (clientHello.useSrtpProfiles().length == 0) {
            setFailure("no use_srtp");
        }
    }

    private void serverHello(int side, byte[] body, long tsNanos) {
        helloRead[side] = true;
        if (serverHello != null || side == clientSide) {
            return;
        }
        ServerHello sh;
        try {
            sh = ServerHello.parse(body, true);
        } catch (TlsParseException e) {
            setFailure("bad ServerHello: " + e.getMessage());
            return;
        }
        serverHello = sh;
        serverHelloNanos = tsNanos;
        clientSide = 1 - side;
        helloSeenAnnounced |= announced;
        version = TlsVersion.fromCode(sh.negotiatedVersion());
        if (version != TlsVersion.DTLS_1_0 && version != TlsVersion.DTLS_1_2) {
            setFailure(String.format("unsupported version 0x%04x", sh.negotiatedVersion()));
            return;
        }
        if (sh.useSrtpProfile() < 0) {
            setFailure("no use_srtp");
            return;
        }
        profile = SrtpSuite.byDtlsProfile(sh.useSrtpProfile());
        if (profile == null) {
            setFailure(String.format("unsupported profile 0x%04x", sh.useSrtpProfile()));
            return;
        }
        cipherSuite = CipherSuites.byId(sh.cipherSuite());
        if (version == TlsVersion.DTLS_1_2 && (cipherSuite == null || cipherSuite.tls13())) {
            setFailure(String.format("unsupported cipher suite 0x%04x", sh.cipherSuite()));
        }
    }

    private void setFailure(String reason) {
        if (failure == null && keys == null) {
            failure = reason;
        }
    }

    private static int u24(byte[] b, int p) {
        return ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
    }

    /** Hellos from one direction; everything else is not needed. */
    private final class SideListener implements HandshakeListener {
        private final int side;

        SideListener(int side) {
            this.side = side;
        }

        @Override
        public void onHandshake(int type, byte[] body, byte[] transcriptBytes, long tsNanos) {
            if (type == HandshakeType.CLIENT_HELLO) {
                clientHello(side, body);
            } else if (type == HandshakeType.SERVER_HELLO) {
                serverHello(side, body, tsNanos);
            }
        }

        @Override
        public void onHandshakeError(String reason, long tsNanos) {
            // a fragment we cannot place: the hello may still come whole in a retransmission
        }
    }
}
