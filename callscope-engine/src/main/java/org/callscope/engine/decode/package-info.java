/**
 * Per-packet decoding from the link layer down to UDP or TCP: one stateless decoder per layer
 * (Ethernet, 802.1Q/802.1ad, Linux cooked SLL/SLL2, BSD NULL/LOOP, MPLS, PPPoE, IPv4, IPv6,
 * GRE, ERSPAN, VXLAN, UDP, TCP), dispatched by key from {@link org.callscope.engine.decode.PacketDecoder},
 * the package's only public entry point.
 *
 * <p>Shaped like Zeek's {@code packet_analysis} tree: each decoder reads {@code (buf, off, end)}
 * from a shared cursor, writes what it learned into the shared
 * {@link org.callscope.engine.decode.DecodedPacket}, and returns the key of the next layer. A layer
 * never knows which decoder handles its successor; only {@code PacketDecoder} does. Faults are an
 * {@link org.callscope.engine.anomaly.Anomaly} count plus a {@code MALFORMED} outcome, never an
 * exception, and nothing is allocated per packet (IP reassembly, in {@code defrag}, is the exception
 * and happens only for fragments).
 */
package org.callscope.engine.decode;
