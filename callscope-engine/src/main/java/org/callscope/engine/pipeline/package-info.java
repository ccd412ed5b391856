/**
 * The order of things: frames through decoding, UDP SIP, TCP reassembly (plain, WebSocket and TLS),
 * key datagrams and media, into the call table. The {@code Analyzer} is the only class that knows
 * that order; the handlers here adapt each transport to the SIP framer and the call table.
 */
package org.callscope.engine.pipeline;
