package org.callscope.engine.pipeline;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.callscope.engine.decode.DecodedPacket;
import org.callscope.engine.tcp.TcpDirection;
import org.callscope.engine.tls.session.TlsConnection;
import org.callscope.engine.tls.session.TlsConnectionListener;
import org.callscope.engine.tls.session.TlsConnectionReport;
import org.callscope.engine.tls.session.TlsKeySources;
import org.callscope.engine.tls.session.TlsSettings;

/**
 * The TLS connections open on the TCP reassembler: pairs the two directions of each, retries the
 * ones waiting for keys when new keys arrive, expires waits on packet time, and passes every
 * finished connection's report on.
 */
final class TlsConnections implements TlsConnectionListener {
    private final TlsKeySources keys;
    private final TlsSettings settings;
    private final TlsConnectionListener downstream;
    /** Connections whose second direction has not carried data yet, by their first direction. */
    private final Map<TcpDirection, TlsConnection> awaitingReverse = new IdentityHashMap<>();
    private final Set<TlsConnection> open = new LinkedHashSet<>();
    private long keysVersionSeen;
    private long connections;
    private long decryptedConnections;

    TlsConnections(TlsKeySources keys, TlsSettings settings, TlsConnectionListener downstream) {
        this.keys = keys;
        this.settings = settings;
        this.downstream = downstream;
    }

    /** The connection this direction's reverse opened, or null when this direction is the first. */
    TlsConnection reverseOf(TcpDirection direction) {
        return awaitingReverse.remove(direction.reverse());
    }

    TlsConnection open(TcpDirection direction, DecodedPacket first) {
        TlsConnection c = new TlsConnection(keys, settings, this,
                direction.srcAddress(), direction.srcPort(), direction.srcAddr(),
                direction.dstAddress(), direction.dstPort(), direction.dstAddr(), direction.fromClient());
        awaitingReverse.put(direction, c);
        open.add(c);
        connections++;
        return c;
    }

    /** A direction closed; when the other one never carried data, the connection is over. */
    void directionClosed(TcpDirection direction, TlsConnection c, long tsNanos) {
        if (awaitingReverse.get(direction) == c) {
            awaitingReverse.remove(direction);
            c.endOfStream(tsNanos);
        }
    }

    /**
     * New keys may have arrived at packet time {@code nowNanos}: records that waited longer than
     * allowed are given up first (the key came too late for them), the rest try again.
     */
    void keysMayHaveArrived(long nowNanos) {
        long version = keys.sessionKeys().version();
        if (version == keysVersionSeen) {
            return;
        }
        keysVersionSeen = version;
        for (TlsConnection c : List.copyOf(open)) {
            if (c.isWaiting()) {
                c.expire(nowNanos);
                c.retry();
            }
        }
    }

    void expire(long nowNanos) {
        keysMayHaveArrived(nowNanos);
        for (TlsConnection c : List.copyOf(open)) {
            if (c.isWaiting()) {
                c.expire(nowNanos);
            }
        }
    }

    /** End of input: every connection still open is closed and reported. */
    void closeAll(long nowNanos) {
        keysMayHaveArrived(nowNanos);
        for (TlsConnection c : new ArrayList<>(open)) {
            c.close(nowNanos);
        }
        awaitingReverse.clear();
    }

    @Override
    public void onClosed(TlsConnection connection, TlsConnectionReport report) {
        open.remove(connection);
        if (report.decrypted()) {
            decryptedConnections++;
        }
        downstream.onClosed(connection, report);
    }

    @Override
    public void onApplicationData(TlsConnection connection, boolean fromClient, String clientIp, int clientPort,
                                  String serverIp, int serverPort, byte[] buf, int off, int len, long tsNanos) {
        downstream.onApplicationData(connection, fromClient, clientIp, clientPort, serverIp, serverPort, buf, off, len, tsNanos);
    }

    long connections() {
        return connections;
    }

    long decryptedConnections() {
        return decryptedConnections;
    }
}
