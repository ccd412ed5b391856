/**
 * SIP (RFC 3261) as a passive monitor sees it: a lenient byte parser that indexes the start
 * line and header offsets of one message and makes Strings only for values that are asked for
 * ({@link org.callscope.engine.sip.SipParser}, {@link org.callscope.engine.sip.SipMessage}), URI
 * and name-addr grammars ({@link org.callscope.engine.sip.SipUri},
 * {@link org.callscope.engine.sip.NameAddr}), a Content-Length framer for byte streams
 * ({@link org.callscope.engine.sip.SipStreamFramer}) and a cheap sniff for SIP on unexpected
 * UDP ports ({@link org.callscope.engine.sip.SipHeuristic}).
 *
 * <p>Bad input is data: a malformed message is still returned when its start line is
 * recognisable, with the violations listed as {@link org.callscope.engine.sip.SipProblem}s.
 * Nothing here throws on input bytes or grows memory beyond the named limits.
 */
package org.callscope.engine.sip;
