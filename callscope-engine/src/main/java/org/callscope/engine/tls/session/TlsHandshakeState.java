package org.callscope.engine.tls.session;

import java.io.ByteArrayOutputStream;
import org.callscope.engine.tls.handshake.ClientHello;
import org.callscope.engine.tls.handshake.ServerHello;

/**
 * What the handshake said so far: the hellos, the RSA-encrypted pre-master, the ticket issued,
 * and the handshake messages up to ClientKeyExchange that the extended master secret hashes
 * (RFC 7627 §3), kept within a bound.
 */
final class TlsHandshakeState {
    private final int maxTranscriptBytes;
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    private boolean transcriptOverflow;
    private byte[] transcriptToClientKeyExchange;
    private ClientHello clientHello;
    private ServerHello serverHello;
    private boolean clientKeyExchangeSeen;
    private byte[] encryptedPreMaster;
    private byte[] issuedTicket;

    TlsHandshakeState(int maxTranscriptBytes) {
        this.maxTranscriptBytes = maxTranscriptBytes;
    }

    void clientHello(ClientHello hello, byte[] bytes) {
        if (clientHello == null && serverHello != null) {
            // The ServerHello (and what followed it) came first, the directions having been
            // captured apart: the handshake is the same, and its transcript starts with this.
            clientHello = hello;
            byte[] after = transcriptOverflow ? null : transcript.toByteArray();
            transcript.reset();
            append(bytes);
            if (after != null) {
                append(after);
            }
            return;
        }
        clientHello = hello;
        serverHello = null;
        clientKeyExchangeSeen = false;
        encryptedPreMaster = null;
        transcriptToClientKeyExchange = null;
        transcript.reset();
        transcriptOverflow = false;
        append(bytes);
    }

    void serverHello(ServerHello hello, byte[] bytes) {
        serverHello = hello;
        append(bytes);
    }

    void append(byte[] bytes) {
        if (transcriptToClientKeyExchange != null || transcriptOverflow) {
            return; // nothing after ClientKeyExchange is needed
        }
        if (transcript.size() + bytes.length > maxTranscriptBytes) {
            transcriptOverflow = true;
            transcript.reset();
            return;
        }
        transcript.writeBytes(bytes);
    }

    void onClientKeyExchange() {
        clientKeyExchangeSeen = true;
        if (!transcriptOverflow) {
            transcriptToClientKeyExchange = transcript.toByteArray();
        }
        transcript.reset();
    }

    void encryptedPreMaster(byte[] encrypted) {
        encryptedPreMaster = encrypted;
    }

    void ticketIssued(byte[] ticket) {
        issuedTicket = ticket;
    }

    ClientHello clientHello() {
        return clientHello;
    }

    ServerHello serverHello() {
        return serverHello;
    }

    boolean clientKeyExchangeSeen() {
        return clientKeyExchangeSeen;
    }

    byte[] encryptedPreMaster() {
        return encryptedPreMaster;
    }

    byte[] issuedTicket() {
        return issuedTicket;
    }

    boolean extendedMasterSecret() {
        return clientHello != null && serverHello != null && clientHello.extendedMasterSecret()
                && serverHello.extendedMasterSecret();
    }

    boolean encryptThenMac() {
        return clientHello != null && serverHello != null && clientHello.encryptThenMac() && serverHello.encryptThenMac();
    }

    /** Null when the handshake up to ClientKeyExchange was larger than the bound. */
    byte[] transcriptToClientKeyExchange() {
        return transcriptToClientKeyExchange;
    }
}
