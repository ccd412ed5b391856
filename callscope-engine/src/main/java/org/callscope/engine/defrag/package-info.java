/**
 * IP reassembly (RFC 791 §3.2 for IPv4, RFC 8200 §4.5 for IPv6) on packet time: fragments are
 * kept per datagram until the last hole is filled, the datagram times out, or a table bound evicts
 * it. Used by the {@code decode} package; knows nothing about the layers around IP.
 */
package org.callscope.engine.defrag;
