package org.callscope.engine.tls.keys.transport;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.bouncycastle.tls.TlsProtocol;

/**
 * Closing a key transport connection from either of its threads or its owner: close_notify first
 * (RFC 8446 §6.1), then the socket. Callers share one lock so the socket is not closed while the
 * first caller writes close_notify; a caller that waits longer than {@link #WAIT_MILLIS} (the peer
 * reads nothing, so the write blocks) closes the socket anyway, which ends that write too.
 */
final class TlsClose {
    static final long WAIT_MILLIS = 1_000;

    private TlsClose() {
    }

    static void close(ReentrantLock lock, TlsProtocol protocol, Socket socket) {
        boolean locked = false;
        try {
            locked = lock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (locked && protocol != null) {
                protocol.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the socket is closed below anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do with it
            }
            if (locked) {
                lock.unlock();
            }
        }
    }
}
