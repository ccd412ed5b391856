package org.callscope.engine.tls.session;

import java.util.ArrayDeque;
import java.util.HexFormat;
import org.callscope.engine.tls.crypto.CipherSuite;
import org.callscope.engine.tls.crypto.RecordDecompressor;
import org.callscope.engine.tls.crypto.RecordDecryptException;
import org.callscope.engine.tls.crypto.RecordDecryptor;
import org.callscope.engine.tls.crypto.RecordDecryptors;
import org.callscope.engine.tls.crypto.TlsPlaintext;
import org.callscope.engine.tls.handshake.HandshakeListener;
import org.callscope.engine.tls.handshake.HandshakeReassembler;
import org.callscope.engine.tls.keys.SecretLabel;
import org.callscope.engine.tls.keys.SessionKeys;
import org.callscope.engine.tls.record.ContentType;
import org.callscope.engine.tls.record.TlsRecordListener;
import org.callscope.engine.tls.record.TlsRecordReader;

/**
 * What one side of a {@link TlsConnection} sends: its records, its handshake messages, the key
 * that protects it, and the records waiting for that key. Fed with the reassembled TCP bytes of
 * that direction.
 */
public final class TlsDirection implements TlsRecordListener, HandshakeListener {
    private static final TlsPlaintextConsumer NOBODY = (buf, off, len, ts) -> { };

    final TlsConnection connection;
    final String ip;
    final int port;
    final byte[] addr;
    boolean client;
    boolean closed;
    private boolean closeRequested;
    RecordDecryptor decryptor;
    /** Set when the ServerHello chose DEFLATE (RFC 3749): protected records are compressed before encryption. */
    RecordDecompressor decompressor;
    long applicationBytes;

    private final TlsRecordReader reader = new TlsRecordReader(this);
    private final HandshakeReassembler handshakes = new HandshakeReassembler(this);
    private final ArrayDeque<PendingRecord> pending = new ArrayDeque<>();
    private TlsPlaintextConsumer consumer = NOBODY;
    private int pendingBytes;
    private boolean encrypted;
    private boolean dead;
    private boolean gaveUp;
    private long lastNanos;

    private boolean tls13;
    private boolean applicationKeys;
    private byte[] trafficSecret;
    /** TLS 1.3 without handshake secrets: application keys are tried on each record until one opens. */
    private byte[] trialApplicationSecret;
    /**
     * TLS 1.3 client that offered early data: until a record opens with its handshake key, one that
     * does not is 0-RTT data (RFC 8446 §4.2.10), skipped with the decryptor started afresh from this
     * secret, as a server that does not take the early data does. Null otherwise.
     */
    private byte[] earlyDataHandshakeSecret;

    TlsDirection(TlsConnection connection, String ip, int port, byte[] addr) {
        this.connection = connection;
        this.ip = ip;
        this.port = port;
        this.addr = addr.clone();
    }

    /** Who receives this direction's decrypted application data. */
    public void setConsumer(TlsPlaintextConsumer consumer) {
        this.consumer = consumer == null ? NOBODY : consumer;
    }

    public boolean isClient() {
        return client;
    }

    /** In-order TCP bytes of this direction; nothing after {@link #close}. */
    public void feed(byte[] buf, int off, int len, long tsNanos) {
        connection.seen(tsNanos);
        lastNanos = tsNanos;
        if (!dead && !closeRequested) {
            reader.feed(buf, off, len, tsNanos);
        }
    }

    /** Bytes the capture lost: records cannot be found after this. */
    public void gap(long missingBytes, long tsNanos) {
        if (!dead) {
            reader.onGap(missingBytes, tsNanos);
        }
    }

    /**
     * End of this direction's bytes. Records still waiting for a key keep waiting (the key may
     * come after the connection ended); the direction is over when they are opened or given up.
     */
    public void close(long tsNanos) {
        if (closed) {
            return;
        }
        closeRequested = true;
        drainPending();
        if (pending.isEmpty()) {
            finishClose();
        }
    }

    /** End of input or eviction: whatever still waits is given up now. */
    void forceClose(long tsNanos) {
        if (closed) {
            return;
        }
        closeRequested = true;
        drainPending();
        if (!pending.isEmpty()) {
            giveUp(connection.waitReason() == null ? "no key" : connection.waitReason(), tsNanos);
        }
        if (!closed) {
            finishClose();
        }
    }

    private void finishClose() {
        closed = true;
        connection.directionClosed();
    }

    String ipPort() {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    private String side() {
        return client ? "client" : "server";
    }

    // ---- records -----------------------------------------------------------------------------

    @Override
    public void onRecord(int contentType, int version, byte[] buf, int off, int len, long tsNanos) {
        connection.records++;
        if (tls13 && contentType == ContentType.CHANGE_CIPHER_SPEC) {
            return; // middlebox compatibility (RFC 8446 §D.4): never protected, means nothing
        }
        if (!encrypted) {
            onPlainRecord(contentType, buf, off, len, tsNanos);
            return;
        }
        connection.protectedRecords++;
        if (gaveUp) {
            connection.undecryptedRecords++;
            return;
        }
        if (pending.isEmpty() && !connection.peer(this).hasPending() && connection.ensureDecryptor(this)) {
            open(contentType, version, buf, off, len, tsNanos);
            return;
        }
        wait(contentType, version, buf, off, len, tsNanos);
        drainPending();
    }

    private void onPlainRecord(int contentType, byte[] buf, int off, int len, long tsNanos) {
        switch (contentType) {
            case ContentType.HANDSHAKE -> handshakes.feed(buf, off, len, tsNanos);
            case ContentType.CHANGE_CIPHER_SPEC -> encrypted = true;
            case ContentType.APPLICATION_DATA -> {
                // Application data before any ChangeCipherSpec: the handshake was not captured, or
                // TLS 1.3 early data sent right after the ClientHello.
                connection.protectedRecords++;
                if (!connection.handshakeSeen()) {
                    connection.undecryptedRecords++;
                    connection.noteError("no handshake seen");
                } else if (client && connection.earlyDataOffered()) {
                    earlyDataNotDecrypted();
                } else {
                    connection.undecryptedRecords++;
                }
            }
            case ContentType.ALERT -> connection.alert(this, buf, off, len);
            default -> {
                // Heartbeats carry nothing to decrypt.
            }
        }
    }

    private void open(int contentType, int version, byte[] buf, int off, int len, long tsNanos) {
        if (trialApplicationSecret != null) {
            openByTrial(contentType, version, buf, off, len, tsNanos);
            return;
        }
        TlsPlaintext plain;
        try {
            plain = decryptor.open(contentType, version, buf, off, len);
            if (decompressor != null) {
                plain = new TlsPlaintext(plain.contentType(), decompressor.decompress(plain.data()));
            }
        } catch (RecordDecryptException e) {
            if (earlyDataHandshakeSecret != null) {
                decryptor = RecordDecryptors.tls13(connection.suite(), earlyDataHandshakeSecret);
                earlyDataNotDecrypted();
                return;
            }
            connection.failedRecords++;
            connection.noteError(e.getMessage() + " in a record from the " + side());
            consumer.onLost(tsNanos); // what follows does not continue what came before
            return;
        }
        earlyDataHandshakeSecret = null;
        connection.decryptedRecords++;
        deliver(plain, tsNanos);
    }

    private void earlyDataNotDecrypted() {
        connection.undecryptedRecords++;
        connection.noteError("early data (0-RTT) from the client not decrypted");
    }

    /** Handshake records cannot be opened without the handshake secret; the first that opens with the application secret ends them. */
    private void openByTrial(int contentType, int version, byte[] buf, int off, int len, long tsNanos) {
        RecordDecryptor candidate = RecordDecryptors.tls13(connection.suite(), trialApplicationSecret);
        TlsPlaintext plain;
        try {
            plain = candidate.open(contentType, version, buf, off, len);
        } catch (RecordDecryptException e) {
            connection.undecryptedRecords++;
            return;
        }
        decryptor = candidate;
        trafficSecret = trialApplicationSecret;
        trialApplicationSecret = null;
        applicationKeys = true;
        connection.decryptedRecords++;
        deliver(plain, tsNanos);
    }

    private void deliver(TlsPlaintext plain, long tsNanos) {
        byte[] data = plain.data();
        switch (plain.contentType()) {
            case ContentType.HANDSHAKE -> handshakes.feed(data, 0, data.length, tsNanos);
            case ContentType.APPLICATION_DATA -> {
                applicationBytes += data.length;
                connection.applicationData(this, data, tsNanos);
                consumer.onPlaintext(data, 0, data.length, tsNanos);
            }
            case ContentType.ALERT -> connection.alert(this, data, 0, data.length);
            default -> {
                // Heartbeats carry nothing for us.
            }
        }
    }

    // ---- records waiting for their key ---------------------------------------------------------

    /** Holds a record until its key is known; the bound is for both directions of the connection together. */
    private void wait(int contentType, int version, byte[] buf, int off, int len, long tsNanos) {
        int max = connection.settings().maxPendingBytes();
        TlsDirection peer = connection.peer(this);
        if (pendingBytes + peer.pendingBytes + len > max) {
            connection.undecryptedRecords++;
            String reason = "more than " + max + " bytes of records waited for a key: " + connection.waitReason();
            giveUp(reason, tsNanos);
            if (peer.hasPending()) {
                peer.giveUp(reason, tsNanos);
            }
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        pending.addLast(new PendingRecord(contentType, version, copy, tsNanos));
        pendingBytes += len;
    }

    private void drainPending() {
        connection.drainPending();
    }

    /** Packet time of the oldest waiting record, or -1. */
    long oldestPendingNanos() {
        return pending.isEmpty() ? -1 : pending.peekFirst().tsNanos;
    }

    /** Gives up what waits when its key is still unknown (end of input). */
    void giveUpIfStuck(long tsNanos) {
        if (!pending.isEmpty() && !connection.ensureDecryptor(this)) {
            giveUp(connection.waitReason() == null ? "no key" : connection.waitReason(), tsNanos);
        }
    }

    /** Packet time of the oldest waiting record whose key is now known, or -1. */
    long nextOpenableNanos() {
        if (pending.isEmpty() || !connection.ensureDecryptor(this)) {
            return -1;
        }
        return pending.peekFirst().tsNanos;
    }

    /** Opens the oldest waiting record (its key is known: see {@link #nextOpenableNanos}). */
    void openNextPending() {
        PendingRecord r = pending.pollFirst();
        pendingBytes -= r.data.length;
        open(r.contentType, r.version, r.data, 0, r.data.length, r.tsNanos);
        if (pending.isEmpty() && closeRequested && !closed) {
            finishClose();
        }
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Bytes of records held for a key that has not come yet. */
    int pendingBytes() {
        return pendingBytes;
    }

    void expirePending(long nowNanos, long maxWaitNanos) {
        if (!pending.isEmpty() && nowNanos - pending.peekFirst().tsNanos > maxWaitNanos) {
            giveUp("no key within " + maxWaitNanos / 1_000_000 + " ms: " + connection.waitReason(), nowNanos);
        }
    }

    /** What waits will never be opened, nor what comes after it; a direction asked to close is closed. */
    private void giveUp(String reason, long tsNanos) {
        connection.gaveUp(reason, pending.size());
        pending.clear();
        pendingBytes = 0;
        gaveUp = true;
        consumer.onLost(tsNanos);
        if (closeRequested && !closed) {
            finishClose();
        }
    }

    // ---- handshake messages and TLS 1.3 key phases ---------------------------------------------

    @Override
    public void onHandshake(int type, byte[] body, byte[] transcriptBytes, long tsNanos) {
        connection.onHandshakeMessage(this, type, body, transcriptBytes);
    }

    @Override
    public void onHandshakeError(String reason, long tsNanos) {
        connection.noteError("handshake from the " + side() + ": " + reason);
    }

    @Override
    public void onUnframeable(String reason, long tsNanos) {
        dead = true;
        // What waited for a key is lost with the stream; the other side's records may have been
        // waiting behind it only to keep the order.
        connection.undecryptedRecords += pending.size();
        pending.clear();
        pendingBytes = 0;
        connection.noteError(reason + " (" + side() + " to " + (client ? "server" : "client") + ")");
        consumer.onLost(tsNanos);
        if (closeRequested && !closed) {
            finishClose();
        }
        drainPending();
    }

    /** After a HelloRetryRequest: still in clear, but ChangeCipherSpecs are TLS 1.3's compatibility ones. */
    void expectTls13() {
        tls13 = true;
    }

    /**
     * From the ServerHello on, both directions are protected (except compatibility
     * ChangeCipherSpecs); a client whose ClientHello is still to come sends that in clear first.
     */
    void startTls13(boolean clientHelloToCome) {
        tls13 = true;
        encrypted = !clientHelloToCome;
        decryptor = null;
        applicationKeys = false;
        earlyDataHandshakeSecret = null;
    }

    /** The ClientHello of a TLS 1.3 connection whose ServerHello came first: protected records follow. */
    void clientHelloAfterServerHello() {
        encrypted = true;
    }

    /** This side's Finished: its next records use the application traffic secret. */
    void handshakeFinished() {
        if (!applicationKeys) {
            applicationKeys = true;
            decryptor = null;
        }
    }

    /** RFC 8446 §4.6.3: the records after a KeyUpdate use the next application traffic secret. */
    void keyUpdate() {
        if (trafficSecret != null) {
            trafficSecret = RecordDecryptors.tls13NextTrafficSecret(connection.suite(), trafficSecret);
            decryptor = RecordDecryptors.tls13(connection.suite(), trafficSecret);
        }
    }

    boolean installTls13Keys(SessionKeys keys, CipherSuite suite, byte[] clientRandom) {
        if (trialApplicationSecret != null) {
            return true;
        }
        SecretLabel label = applicationKeys
                ? (client ? SecretLabel.CLIENT_TRAFFIC_SECRET_0 : SecretLabel.SERVER_TRAFFIC_SECRET_0)
                : (client ? SecretLabel.CLIENT_HANDSHAKE_TRAFFIC_SECRET : SecretLabel.SERVER_HANDSHAKE_TRAFFIC_SECRET);
        byte[] secret = keys.find(label, clientRandom);
        if (secret == null && !applicationKeys) {
            byte[] application = keys.find(client ? SecretLabel.CLIENT_TRAFFIC_SECRET_0 : SecretLabel.SERVER_TRAFFIC_SECRET_0,
                    clientRandom);
            if (application != null) {
                trialApplicationSecret = application;
                connection.keyFound("key log");
                connection.secretUsed(client ? SecretLabel.CLIENT_TRAFFIC_SECRET_0 : SecretLabel.SERVER_TRAFFIC_SECRET_0,
                        clientRandom);
                return true;
            }
        }
        if (secret == null) {
            connection.waitFor("no key-log entry " + label + " for client random "
                    + HexFormat.of().formatHex(clientRandom, 0, 8) + "…");
            return false;
        }
        decryptor = RecordDecryptors.tls13(suite, secret);
        if (applicationKeys) {
            trafficSecret = secret;
        } else if (client && connection.earlyDataOffered()) {
            earlyDataHandshakeSecret = secret;
        }
        connection.keyFound("key log");
        connection.secretUsed(label, clientRandom);
        return true;
    }

    private record PendingRecord(int contentType, int version, byte[] data, long tsNanos) {
    }
}
