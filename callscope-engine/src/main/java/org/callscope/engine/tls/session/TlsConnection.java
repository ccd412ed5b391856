package org.callscope.engine.tls.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;
import org.callscope.engine.tls.TlsVersion;
import org.callscope.engine.tls.crypto.CipherSuite;
import org.callscope.engine.tls.crypto.CipherSuites;
import org.callscope.engine.tls.crypto.ConnectionDecryptors;
import org.callscope.engine.tls.crypto.Prf;
import org.callscope.engine.tls.crypto.RecordDecompressor;
import org.callscope.engine.tls.crypto.RecordDecryptors;
import org.callscope.engine.tls.handshake.Alert;
import org.callscope.engine.tls.handshake.ClientHello;
import org.callscope.engine.tls.handshake.ClientKeyExchange;
import org.callscope.engine.tls.handshake.HandshakeType;
import org.callscope.engine.tls.handshake.NewSessionTicket;
import org.callscope.engine.tls.handshake.ServerHello;
import org.callscope.engine.tls.handshake.TlsParseException;
import org.callscope.engine.tls.keys.SecretLabel;

/**
 * One TLS connection, both directions: follows the handshake, finds the secret, opens protected
 * records and hands their application data on in order.
 *
 * <p>Keys are looked for when the first protected record of a direction arrives: the key log
 * (by client random), then a session being resumed, then the server's RSA key. Records that
 * find no key wait ({@link TlsSettings}) and are opened in order when {@link #retry} finds it;
 * what waited too long is counted and reported, never guessed at.
 *
 * <p>Single-threaded: driven by the capture thread.
 */
public final class TlsConnection {
    private static final int MAX_TRANSCRIPT_BYTES = 512 * 1024;
    private static final int MAX_ALERTS = 8;

    private final TlsKeySources keys;
    private final TlsSettings settings;
    private final TlsConnectionListener listener;
    private final TlsDirection first;
    private final TlsDirection second;
    private final TlsHandshakeState handshake = new TlsHandshakeState(MAX_TRANSCRIPT_BYTES);
    private TlsDirection client;
    private TlsDirection server;

    private TlsVersion version;
    private CipherSuite suite;
    private byte[] masterSecret;
    private String keySource;
    private String error;
    private String waitReason;
    /** Why the negotiated suite cannot be used with the negotiated version, or null. */
    private String unusableSuite;
    private boolean closedReported;
    private final List<String> alerts = new ArrayList<>(2);

    long records;
    long protectedRecords;
    long decryptedRecords;
    long failedRecords;
    long undecryptedRecords;
    private long firstNanos = -1;
    private long lastNanos;

    /**
     * @param firstFromClient whether the side that sent first is taken as the client until a
     *                        ClientHello says otherwise
     */
    public TlsConnection(TlsKeySources keys, TlsSettings settings, TlsConnectionListener listener,
                         String firstIp, int firstPort, byte[] firstAddr, String secondIp, int secondPort, byte[] secondAddr,
                         boolean firstFromClient) {
        this.keys = keys;
        this.settings = settings;
        this.listener = listener;
        this.first = new TlsDirection(this, firstIp, firstPort, firstAddr);
        this.second = new TlsDirection(this, secondIp, secondPort, secondAddr);
        assignRoles(firstFromClient ? first : second);
    }

    /** The direction sent by the side that was seen first. */
    public TlsDirection firstDirection() {
        return first;
    }

    /** The direction sent by the other side. */
    public TlsDirection secondDirection() {
        return second;
    }

    private void assignRoles(TlsDirection clientSide) {
        client = clientSide;
        server = clientSide == first ? second : first;
        client.client = true;
        server.client = false;
    }

    TlsDirection peer(TlsDirection d) {
        return d == first ? second : first;
    }

    void seen(long tsNanos) {
        if (firstNanos < 0) {
            firstNanos = tsNanos;
        }
        lastNanos = Math.max(lastNanos, tsNanos);
    }

    // ---- handshake ---------------------------------------------------------------------------

    void onClientHello(TlsDirection from, byte[] body, byte[] transcriptBytes) {
        ClientHello hello;
        try {
            hello = ClientHello.parse(body, false);
        } catch (TlsParseException e) {
            noteError("malformed ClientHello: " + e.getMessage());
            return;
        }
        if (from != client) {
            assignRoles(from);
        }
        handshake.clientHello(hello, transcriptBytes);
        if (version == TlsVersion.TLS_1_3) {
            from.clientHelloAfterServerHello();
        }
    }

    void onServerHello(TlsDirection from, byte[] body, byte[] transcriptBytes) {
        ServerHello hello;
        try {
            hello = ServerHello.parse(body, false);
        } catch (TlsParseException e) {
            noteError("malformed ServerHello: " + e.getMessage());
            return;
        }
        if (from == client && handshake.clientHello() == null) {
            // A ServerHello before any ClientHello (the two directions captured apart, with
            // skewed clocks): its sender is the server, whatever the TCP layer guessed.
            assignRoles(peer(from));
        }
        if (hello.helloRetryRequest()) {
            // TLS 1.3 (RFC 8446 §4.1.4): a second ClientHello and ServerHello follow in clear, and
            // the compatibility ChangeCipherSpecs around them (§D.4) must not be taken for a key change.
            client.expectTls13();
            server.expectTls13();
            return;
        }
        handshake.serverHello(hello, transcriptBytes);
        version = TlsVersion.fromCode(hello.negotiatedVersion());
        suite = CipherSuites.byId(hello.cipherSuite());
        if (version == null || version.isDtls()) {
            noteError(String.format("unknown protocol version 0x%04x", hello.negotiatedVersion()));
        } else if (suite == null) {
            noteError("unsupported cipher suite " + CipherSuites.nameOf(hello.cipherSuite()));
        } else if ((version == TlsVersion.TLS_1_3) != suite.tls13()) {
            unusableSuite = suite.name() + " cannot be used with " + version.displayName();
            noteError(unusableSuite);
        }
        if (version == TlsVersion.TLS_1_3) {
            client.startTls13(handshake.clientHello() == null);
            server.startTls13(false);
        } else if (hello.compression() == RecordDecompressor.DEFLATE) {
            client.decompressor = new RecordDecompressor();
            server.decompressor = new RecordDecompressor();
        } else if (hello.compression() != 0) {
            noteError("unsupported compression method " + hello.compression());
        }
    }

    void onHandshakeMessage(TlsDirection from, int type, byte[] body, byte[] transcriptBytes) {
        switch (type) {
            case HandshakeType.CLIENT_HELLO -> onClientHello(from, body, transcriptBytes);
            case HandshakeType.SERVER_HELLO -> onServerHello(from, body, transcriptBytes);
            case HandshakeType.CLIENT_KEY_EXCHANGE -> onClientKeyExchange(body, transcriptBytes);
            case HandshakeType.NEW_SESSION_TICKET -> onNewSessionTicket(body);
            case HandshakeType.FINISHED -> onFinished(from);
            case HandshakeType.KEY_UPDATE -> {
                if (version == TlsVersion.TLS_1_3) {
                    from.keyUpdate();
                }
            }
            default -> handshake.append(transcriptBytes);
        }
    }

    private void onClientKeyExchange(byte[] body, byte[] transcriptBytes) {
        handshake.append(transcriptBytes);
        handshake.onClientKeyExchange();
        if (suite != null && suite.keyExchange().rsaPremaster()) {
            try {
                handshake.encryptedPreMaster(ClientKeyExchange.encryptedPreMaster(body, version == TlsVersion.SSL_3_0));
            } catch (TlsParseException e) {
                noteError("malformed ClientKeyExchange: " + e.getMessage());
            }
        }
    }

    private void onNewSessionTicket(byte[] body) {
        if (version == TlsVersion.TLS_1_3) {
            return; // TLS 1.3 tickets resume through PSKs whose secrets come from the key log
        }
        try {
            byte[] ticket = NewSessionTicket.parse(body, false).ticket();
            handshake.ticketIssued(ticket);
            if (masterSecret != null) {
                keys.sessions().putTicket(ticket, masterSecret);
            }
        } catch (TlsParseException e) {
            noteError("malformed NewSessionTicket: " + e.getMessage());
        }
    }

    private void onFinished(TlsDirection from) {
        if (version == TlsVersion.TLS_1_3) {
            from.handshakeFinished();
        }
    }

    // ---- keys --------------------------------------------------------------------------------

    /** Makes the decryptor this direction needs now; false when its key is not (yet) known. */
    boolean ensureDecryptor(TlsDirection d) {
        if (d.decryptor != null) {
            return true;
        }
        if (handshake.clientHello() == null || handshake.serverHello() == null) {
            waitReason = "no handshake seen";
            return false;
        }
        if (suite == null || version == null || version.isDtls()) {
            waitReason = error;
            return false;
        }
        if (unusableSuite != null) {
            waitReason = unusableSuite;
            return false;
        }
        try {
            return installDecryptor(d);
        } catch (IllegalArgumentException e) {
            // RecordDecryptors refuses a suite the version cannot use (a TLS 1.3 suite in TLS 1.2,
            // CBC in TLS 1.3, AEAD before TLS 1.2...): a ServerHello no real server sends.
            unusableSuite = e.getMessage();
            noteError(unusableSuite);
            waitReason = unusableSuite;
            return false;
        }
    }

    private boolean installDecryptor(TlsDirection d) {
        if (version == TlsVersion.TLS_1_3) {
            return d.installTls13Keys(keys.sessionKeys(), suite, handshake.clientHello().random());
        }
        byte[] master = masterSecret != null ? masterSecret : findMasterSecret();
        if (master == null) {
            return false;
        }
        masterSecret = master;
        ConnectionDecryptors pair = RecordDecryptors.tls12(version, suite, master, handshake.clientHello().random(),
                handshake.serverHello().random(), handshake.encryptThenMac() && suite.cipher().block());
        if (client.decryptor == null) {
            client.decryptor = pair.client();
        }
        if (server.decryptor == null) {
            server.decryptor = pair.server();
        }
        keys.sessions().putSessionId(handshake.serverHello().sessionId(), master);
        keys.sessions().putTicket(handshake.issuedTicket(), master);
        return true;
    }

    private byte[] findMasterSecret() {
        byte[] clientRandom = handshake.clientHello().random();
        byte[] serverRandom = handshake.serverHello().random();
        byte[] logged = keys.sessionKeys().masterSecret(clientRandom);
        if (logged != null) {
            keySource = "key log";
            secretUsed(SecretLabel.CLIENT_RANDOM, clientRandom);
            return logged;
        }
        if (!handshake.clientKeyExchangeSeen()) {
            return resumedMasterSecret();
        }
        byte[] encrypted = handshake.encryptedPreMaster();
        if (!suite.keyExchange().rsaPremaster() || encrypted == null) {
            waitReason = "needs key log: forward-secret key exchange (" + suite.keyExchange() + "), no key-log entry for client random "
                    + shortHex(clientRandom);
            return null;
        }
        byte[] rsaId = Arrays.copyOf(encrypted, 8);
        byte[] preMaster = keys.sessionKeys().find(SecretLabel.RSA, rsaId);
        if (preMaster != null) {
            keySource = "key log";
            secretUsed(SecretLabel.RSA, rsaId);
        } else {
            var key = keys.serverKeys().find(server.addr, server.port);
            if (key == null) {
                waitReason = "no RSA key for server " + server.ipPort() + " and no key-log entry for client random "
                        + shortHex(clientRandom);
                return null;
            }
            preMaster = RsaPreMaster.decrypt(key, encrypted);
            if (preMaster == null) {
                waitReason = "the RSA key for " + server.ipPort() + " does not decrypt the pre-master secret (wrong key?)";
                return null;
            }
            keySource = "server key";
        }
        if (handshake.extendedMasterSecret()) {
            byte[] transcript = handshake.transcriptToClientKeyExchange();
            if (transcript == null) {
                waitReason = "extended master secret: handshake too large to hash";
                return null;
            }
            return Prf.extendedMasterSecret(version, suite, preMaster, Prf.sessionHash(version, suite, transcript));
        }
        return Prf.masterSecret(version, suite, preMaster, clientRandom, serverRandom);
    }

    private byte[] resumedMasterSecret() {
        ClientHello ch = handshake.clientHello();
        ServerHello sh = handshake.serverHello();
        byte[] fromCache = null;
        if (sh.sessionId().length > 0 && Arrays.equals(sh.sessionId(), ch.sessionId())) {
            fromCache = keys.sessions().bySessionId(sh.sessionId());
        }
        if (fromCache == null && ch.sessionTicket() != null) {
            fromCache = keys.sessions().byTicket(ch.sessionTicket());
        }
        if (fromCache == null) {
            waitReason = "resumed session whose first handshake was not seen, and no key-log entry for client random "
                    + shortHex(ch.random());
            return null;
        }
        keySource = "resumed session";
        return fromCache;
    }

    // ---- records waiting for keys -------------------------------------------------------------

    /** Opens what waited, if its key has arrived since. Returns true when nothing waits any more. */
    public boolean retry() {
        drainPending();
        return !isWaiting();
    }

    /**
     * Opens waiting records of both directions in packet-time order, so that the plaintext of a
     * dialog comes out in the order it was sent even when its keys came late.
     */
    void drainPending() {
        while (true) {
            long a = first.nextOpenableNanos();
            long b = second.nextOpenableNanos();
            if (a < 0 && b < 0) {
                return;
            }
            boolean firstNext = b < 0 || (a >= 0 && a <= b);
            TlsDirection next = firstNext ? first : second;
            long nextNanos = firstNext ? a : b;
            long otherOldest = peer(next).oldestPendingNanos();
            if (otherOldest >= 0 && otherOldest < nextNanos) {
                return; // the other side's older records still wait for their key: keep the order
            }
            next.openNextPending();
        }
    }

    /** True while records wait for a key. */
    public boolean isWaiting() {
        return first.hasPending() || second.hasPending();
    }

    /** Gives up on records that waited longer than allowed. */
    public void expire(long nowNanos) {
        first.expirePending(nowNanos, settings.maxWaitNanos());
        second.expirePending(nowNanos, settings.maxWaitNanos());
        drainPending();
    }

    TlsSettings settings() {
        return settings;
    }

    /** {@code ssl_sessionkey_keep = no}: a key-log secret goes once a connection has used it. */
    void secretUsed(SecretLabel label, byte[] id) {
        if (!settings.keepKeys()) {
            keys.sessionKeys().remove(label, id);
        }
    }

    /** The ClientHello offered TLS 1.3 early data: 0-RTT records may precede the client's handshake records. */
    boolean earlyDataOffered() {
        return handshake.clientHello() != null && handshake.clientHello().earlyData();
    }

    String waitReason() {
        return waitReason;
    }

    void gaveUp(String reason, long count) {
        undecryptedRecords += count;
        noteError(reason);
    }

    void noteError(String reason) {
        if (error == null && reason != null) {
            error = reason;
        }
    }

    void applicationData(TlsDirection from, byte[] data, long tsNanos) {
        listener.onApplicationData(this, from == client, client.ip, client.port, server.ip, server.port, data, 0,
                data.length, tsNanos);
    }

    CipherSuite suite() {
        return suite;
    }

    void keyFound(String source) {
        if (keySource == null) {
            keySource = source;
        }
    }

    void waitFor(String reason) {
        waitReason = reason;
    }

    boolean tls13() {
        return version == TlsVersion.TLS_1_3;
    }

    boolean handshakeSeen() {
        return handshake.clientHello() != null;
    }

    /** Called by a direction when it is closed; the report goes out once both are. */
    void directionClosed() {
        if (first.closed && second.closed && !closedReported) {
            closedReported = true;
            listener.onClosed(this, report());
        }
    }

    /** Ends both directions (end of input or eviction): what still waits is counted as not decrypted. */
    public void close(long tsNanos) {
        first.giveUpIfStuck(tsNanos);
        second.giveUpIfStuck(tsNanos);
        drainPending();
        first.forceClose(tsNanos);
        second.forceClose(tsNanos);
    }

    /** The TCP connection ended; records waiting for a key may still be opened until they expire. */
    public void endOfStream(long tsNanos) {
        first.close(tsNanos);
        second.close(tsNanos);
    }

    public TlsConnectionReport report() {
        String reportedError = error;
        if (reportedError == null && !handshakeSeen() && records > 0) {
            reportedError = "no handshake seen";
        }
        boolean decrypted = decryptedRecords > 0;
        if (reportedError == null && protectedRecords > 0 && !decrypted) {
            reportedError = waitReason != null ? waitReason : "not decrypted";
        }
        return new TlsConnectionReport(client.ip, client.port, server.ip, server.port,
                version == null ? null : version.displayName(),
                suite != null ? suite.name() : handshake.serverHello() == null ? null
                        : CipherSuites.nameOf(handshake.serverHello().cipherSuite()),
                handshake.clientHello() == null ? null : handshake.clientHello().serverName(),
                decrypted, reportedError, keySource, "resumed session".equals(keySource),
                records, protectedRecords, decryptedRecords, failedRecords, undecryptedRecords,
                client.applicationBytes, server.applicationBytes, Math.max(firstNanos, 0), lastNanos,
                List.copyOf(alerts));
    }

    /** An alert record's content, plain or decrypted: kept as "server: fatal handshake_failure". */
    void alert(TlsDirection from, byte[] buf, int off, int len) {
        if (alerts.size() >= MAX_ALERTS) {
            return;
        }
        try {
            Alert a = Alert.parse(buf, off, len);
            alerts.add((from == client ? "client" : "server") + ": " + (a.fatal() ? "fatal " : "warning ") + a.descriptionName());
        } catch (TlsParseException e) {
            alerts.add((from == client ? "client" : "server") + ": malformed alert");
        }
    }

    /** Live summary for the calls carried by this connection. */
    public String version() {
        return version == null ? null : version.displayName();
    }

    public String cipher() {
        return suite == null ? null : suite.name();
    }

    public boolean decrypted() {
        return decryptedRecords > 0;
    }

    public String error() {
        return error;
    }

    private static String shortHex(byte[] b) {
        return HexFormat.of().formatHex(b, 0, Math.min(8, b.length)) + "…";
    }
}
