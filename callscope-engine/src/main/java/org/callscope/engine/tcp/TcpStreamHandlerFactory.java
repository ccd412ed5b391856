package org.callscope.engine.tcp;

import org.callscope.engine.decode.DecodedPacket;

/**
 * Decides, when a direction first carries data, who consumes it. Called once per direction on the
 * reassembler's thread; {@code firstDataSegment} is only valid during the call.
 */
public interface TcpStreamHandlerFactory {
    /** The consumer of this direction, or {@code null} to ignore it (nothing is buffered then). */
    TcpStreamHandler open(TcpDirection direction, DecodedPacket firstDataSegment);
}
