/**
 * TCP stream reassembly: turns captured TCP segments, in capture order, into one ordered byte
 * stream per direction for a consumer that also learns about gaps (bytes the capture lost) and
 * the end of the stream, as Zeek's stream analyzers do ({@code Undelivered}).
 *
 * <p>{@link org.callscope.engine.tcp.TcpReassembler} owns the connection table and timeouts;
 * {@link org.callscope.engine.tcp.TcpStreamHandlerFactory} decides per direction who consumes the
 * bytes; {@link org.callscope.engine.tcp.TcpStreamHandler} receives them. Everything runs on the
 * signalling thread, on packet time only.
 */
package org.callscope.engine.tcp;
