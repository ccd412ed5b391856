package org.callscope.engine.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where frames come from: a capture file, a live interface, a remote sensor.
 *
 * <p>Single-threaded: one reader calls {@link #next} in a loop. Damage in the input is not an
 * exception: {@code next} returns {@code false} and {@link #damage()} says what and where, so every
 * frame before the damage has already been delivered.
 */
public interface PacketSource extends Closeable {

    /**
     * Reads the next frame into {@code into}, overwriting it.
     *
     * @return {@code false} at the end of input or when the input is damaged beyond recovery
     * @throws IOException only for failures of the underlying device or file system
     */
    boolean next(CapturedPacket into) throws IOException;

    /** The damage that ended reading early, or {@code null} if the input was whole so far. */
    CaptureDamage damage();

    /** A name for messages: the file path or interface name. */
    String name();
}
