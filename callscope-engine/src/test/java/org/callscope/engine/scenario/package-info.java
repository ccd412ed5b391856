/**
 * Crafted captures for end-to-end tests: {@link org.callscope.engine.scenario.FrameBuilder} writes
 * link/IP/transport frames (VLAN, tunnels, fragments), {@link org.callscope.engine.scenario.SipScenario}
 * scripts a call (SIP, SDP, RTP, RTCP) on those frames, and the scenario tests check that the CDRs
 * say what the script put on the wire.
 */
package org.callscope.engine.scenario;
