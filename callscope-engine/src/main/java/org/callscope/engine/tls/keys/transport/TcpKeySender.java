package org.callscope.engine.tls.keys.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.tls.TlsClientProtocol;
import org.callscope.engine.tls.keys.WarningLimit;

/**
 * The sending end of the secure key transport (docs/KEY-TRANSPORT.md): keeps one TLS 1.3
 * connection (external PSK) to a receiver, writes the lines given to {@link #send} and forgets
 * them only when an {@code ACK <n>} covers them. After a lost connection it connects again, waiting
 * as {@link ReconnectDelay} says, and sends the unacknowledged lines again, oldest first. The
 * buffer is bounded: when it is full the oldest line is dropped and counted.
 *
 * <p>{@link #send} may be called from any thread; a daemon thread connects and writes, and while
 * connected a second one reads the ACKs. An idle connection gets a blank line every
 * {@link #KEEPALIVE_MILLIS} ms, which also shows early that a receiver has gone.
 */
public final class TcpKeySender implements AutoCloseable {
    /** Unacknowledged lines kept by default, as the keylogger keeps. */
    public static final int DEFAULT_MAX_BUFFERED_LINES = 10_000;
    /** Reports per minute; the rest are only counted. */
    public static final int WARNINGS_PER_MINUTE = 30;
    /** An idle connection sends a blank line this often. */
    public static final long KEEPALIVE_MILLIS = 20_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int LINES_PER_WRITE = 256;
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    private static final Pattern ACK = Pattern.compile("ACK ([0-9]{1,18})");

    private final InetSocketAddress to;
    private final String target;
    private final KeyTransportPsk psk;
    private final KeyTransportEvents events;
    private final WarningLimit limit = new WarningLimit(WARNINGS_PER_MINUTE, "sending keys");
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final UnackedLines unacked;
    private final ReconnectDelay delay = new ReconnectDelay(new SplittableRandom());
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong authenticationFailures = new AtomicLong();
    private volatile boolean closing;
    private volatile Socket socket;
    private volatile Session session;

    private TcpKeySender(InetSocketAddress to, KeyTransportPsk psk, int maxBufferedLines, KeyTransportEvents events) {
        this.to = to;
        this.target = Peers.describe(to);
        this.psk = psk;
        this.events = events;
        this.unacked = new UnackedLines(maxBufferedLines);
        this.thread = new Thread(this::run, "key transport to " + target);
        thread.setDaemon(true);
    }

    /**
     * Starts sending to {@code to}; an unresolved address is looked up again at each connection.
     * Returns at once: connecting happens on the sender's thread.
     */
    public static TcpKeySender start(InetSocketAddress to, KeyTransportPsk psk, int maxBufferedLines,
                                     KeyTransportEvents events) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(events, "events");
        TcpKeySender sender = new TcpKeySender(to, psk, maxBufferedLines, events);
        sender.thread.start();
        return sender;
    }

    /**
     * Queues one key-log line (without its line end) for sending.
     *
     * @throws IllegalArgumentException when {@code line} holds a line break or is longer than the
     *                                  protocol allows ({@link LineFramer#MAX_LINE_BYTES} bytes with its LF)
     */
    public void send(String line) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a key-log line must not hold a line break");
        }
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= LineFramer.MAX_LINE_BYTES) {
            throw new IllegalArgumentException("line of " + bytes + " bytes; the protocol allows "
                    + (LineFramer.MAX_LINE_BYTES - 1) + " before the LF");
        }
        boolean full;
        lock.lock();
        try {
            full = unacked.add(line);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (full) {
            dropped.incrementAndGet();
            warn("the buffer of unacknowledged lines for " + target + " is full: dropped the oldest line ("
                    + dropped.get() + " dropped so far)");
        }
    }

    /** Lines given to {@link #send} and not yet acknowledged. */
    public int buffered() {
        lock.lock();
        try {
            return unacked.size();
        } finally {
            lock.unlock();
        }
    }

    /** Lines dropped from a full buffer. */
    public long dropped() {
        return dropped.get();
    }

    /** Lines an ACK covered. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Handshakes completed. */
    public long connections() {
        return connections.get();
    }

    /** Handshakes that failed because the receiver does not hold the same key. */
    public long authenticationFailures() {
        return authenticationFailures.get();
    }

    /** Whether a connection is up now. */
    public boolean connected() {
        Session s = session;
        return s != null && !s.failed;
    }

    /**
     * Waits until every line given so far is acknowledged, or {@code timeout} has passed.
     *
     * @return whether the buffer is empty
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!unacked.isEmpty() && remaining > 0 && !closing) {
                remaining = changed.awaitNanos(remaining);
            }
            return unacked.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection (with a TLS close_notify) and stops; unacknowledged lines are dropped. */
    @Override
    public void close() {
        closing = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Session s = session;
        if (s != null) {
            s.close();
        }
        Socket pending = socket;
        if (pending != null) {
            closeQuietly(pending);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!closing) {
            Session s = connect();
            if (s != null) {
                delay.reset();
                session = s;
                Thread reader = new Thread(() -> readAcks(s), "key transport acks from " + target);
                reader.setDaemon(true);
                reader.start();
                writeLines(s);
                s.close();
                session = null;
                if (!closing) {
                    warn("key transport connection to " + target + " lost: " + s.failure + "; " + buffered()
                            + " lines wait to be sent again");
                }
            }
            if (!closing) {
                pause(delay.next());
            }
        }
    }

    /** One connection and handshake; null after reporting why not. */
    private Session connect() {
        Socket s = new Socket();
        socket = s;
        ExternalPskClient client = null;
        try {
            if (closing) {
                return null;
            }
            InetSocketAddress address = to.isUnresolved() ? new InetSocketAddress(to.getHostString(), to.getPort()) : to;
            if (address.isUnresolved()) {
                throw new UnknownHostException("cannot resolve " + to.getHostString());
            }
            s.connect(address, CONNECT_TIMEOUT_MILLIS);
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout(KeyTransportTls.HANDSHAKE_TIMEOUT_MILLIS);
            TlsClientProtocol protocol = new TlsClientProtocol(s.getInputStream(), s.getOutputStream());
            client = new ExternalPskClient(KeyTransportTls.crypto(), psk);
            protocol.connect(client);
            s.setSoTimeout(0);
            connections.incrementAndGet();
            return new Session(s, protocol);
        } catch (IOException e) {
            closeQuietly(s);
            if (closing) {
                return null;
            }
            if (client != null && client.alerts.authenticationFailed()) {
                authenticationFailures.incrementAndGet();
                String detail = client.alerts.describe(e);
                limit.report(events::warning, () -> events.authenticationFailed(target, detail));
            } else {
                String why = client != null ? client.alerts.describe(e) : describe(e);
                warn("cannot send keys to " + target + ": " + why + "; trying again");
            }
            return null;
        } finally {
            socket = null;
        }
    }

    /** Writes lines beyond what this connection has sent until it fails or the sender closes. */
    private void writeLines(Session s) {
        OutputStream out = s.protocol.getOutputStream();
        long lastWriteNanos = System.nanoTime();
        lock.lock();
        try {
            while (!closing && !s.failed) {
                List<UnackedLines.Pending> batch = unacked.after(s.lastSentSeq, LINES_PER_WRITE);
                StringBuilder text = new StringBuilder();
                if (batch.isEmpty()) {
                    long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWriteNanos);
                    if (idleMillis < KEEPALIVE_MILLIS) {
                        changed.await(KEEPALIVE_MILLIS - idleMillis, TimeUnit.MILLISECONDS);
                        continue;
                    }
                    text.append('\n');
                    s.sentSeqs.addLast(-1L); // a blank line counts in the ACK too
                } else {
                    for (UnackedLines.Pending p : batch) {
                        text.append(p.line()).append('\n');
                        s.sentSeqs.addLast(p.seq());
                    }
                    s.lastSentSeq = batch.getLast().seq();
                }
                lock.unlock();
                try {
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWriteNanos = System.nanoTime();
                } catch (IOException e) {
                    fail(s, "writing failed: " + describe(e));
                } finally {
                    lock.lock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.failed = true;
            s.failure = "interrupted";
        } finally {
            lock.unlock();
        }
    }

    /** The connection's second thread: {@code ACK <n>} lines from the receiver. */
    private void readAcks(Session s) {
        InputStream in = s.protocol.getInputStream();
        LineFramer framer = new LineFramer();
        byte[] buf = new byte[256];
        try {
            int n;
            while (!s.failed && (n = in.read(buf)) >= 0) {
                if (!framer.feed(buf, 0, n, line -> ack(s, line))) {
                    fail(s, "the receiver sent a line longer than " + LineFramer.MAX_LINE_BYTES + " bytes");
                }
            }
            fail(s, "the receiver closed the connection");
        } catch (IOException e) {
            fail(s, describe(e));
        }
    }

    private void ack(Session s, String line) {
        Matcher m = ACK.matcher(line);
        if (!m.matches()) {
            fail(s, "unexpected reply from the receiver (not ACK <n>)");
            return;
        }
        long n = Long.parseLong(m.group(1));
        int removed;
        lock.lock();
        try {
            if (s.failed) {
                return;
            }
            if (n < s.acked || n > s.acked + s.sentSeqs.size()) {
                s.failed = true;
                s.failure = "ACK " + n + " does not fit the " + (s.acked + s.sentSeqs.size()) + " lines sent";
                changed.signalAll();
                removed = -1;
            } else {
                long through = -1;
                for (long i = s.acked; i < n; i++) {
                    through = Math.max(through, s.sentSeqs.removeFirst());
                }
                s.acked = n;
                removed = unacked.removeThrough(through);
                acknowledged.addAndGet(removed);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (removed < 0) {
            s.close();
        }
    }

    private void fail(Session s, String why) {
        lock.lock();
        try {
            if (!s.failed) {
                s.failed = true;
                s.failure = why;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        s.close();
    }

    private void pause(long millis) {
        long remaining = TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (!closing && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        } finally {
            lock.unlock();
        }
    }

    private void warn(String message) {
        limit.report(events::warning, () -> events.warning(message));
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }

    /** One connection: what was written on it, in order, and what its ACKs covered. Fields guarded by the lock. */
    private static final class Session {
        final Socket socket;
        final TlsClientProtocol protocol;
        final ReentrantLock closeLock = new ReentrantLock();
        /** Sequence numbers of the lines written, oldest first, from the first unacknowledged one; -1 for a blank line. */
        final ArrayDeque<Long> sentSeqs = new ArrayDeque<>();
        long lastSentSeq = -1;
        long acked;
        volatile boolean failed;
        String failure;

        Session(Socket socket, TlsClientProtocol protocol) {
            this.socket = socket;
            this.protocol = protocol;
        }

        /** A second caller waits (boundedly) until the first has sent close_notify. */
        void close() {
            TlsClose.close(closeLock, protocol, socket);
        }
    }
}
