/**
 * Media endpoints announced in SDP, RTP streams found on them (or without them), RTCP reports
 * about those streams. The per-packet path allocates nothing once a stream exists.
 */
package org.callscope.engine.media;
