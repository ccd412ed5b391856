/**
 * WebSocket (RFC 6455) framing for SIP over WebSocket (RFC 7118): skips the HTTP opening
 * handshake of one TCP direction, then cuts the byte stream into frames, unmasks them, joins
 * fragmented messages and hands each complete text or binary message to a
 * {@link org.callscope.engine.websocket.WebSocketMessageListener}. Control frames are consumed
 * silently. {@link org.callscope.engine.websocket.WebSocketHandshake} lets the pipeline recognise
 * a WebSocket connection on any port from its first segment.
 */
package org.callscope.engine.websocket;
