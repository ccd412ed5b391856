package org.callscope.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Until when a long-running command runs: SIGINT or SIGTERM (the JVM's shutdown), or an interrupt
 * of the command's thread. On shutdown the hook waits (up to {@link #CLEANUP_MILLIS}) for the
 * command to close its sockets and flush its files, which it does before {@link #close()}.
 */
final class StopSignal implements AutoCloseable {
    static final long CLEANUP_MILLIS = 5_000;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    StopSignal() {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(CLEANUP_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "callscope stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Waits up to {@code millis} for a stop.
     *
     * @return true when the command is to stop
     */
    boolean await(long millis) {
        try {
            return stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stop.countDown(); // an interrupt is a stop; the flag stays clear so cleanup can wait
            return true;
        }
    }

    /** The command has cleaned up: a shutdown may go on. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and returns now
        }
    }
}
