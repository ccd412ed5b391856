package org.callscope.engine.scenario;

import java.util.ArrayList;
import java.util.List;

/** A one-audio-stream SDP body (RFC 8866) as a UA offers or answers it. Mutable builder; test code. */
public final class Sdp {
    private final String connectionIp;
    private final int port;
    private final List<Integer> formats = new ArrayList<>();
    private final List<String> attributes = new ArrayList<>();
    private String proto = "RTP/AVP";

    private Sdp(String connectionIp, int port) {
        this.connectionIp = connectionIp;
        this.port = port;
    }

    /** A body written out by hand, for layouts the builder does not make (several m= lines, media-level c=). */
    public static Sdp raw(String text) {
        Sdp sdp = new Sdp(null, 0);
        sdp.attributes.add(text);
        return sdp;
    }

    /** Like {@link #raw} but keeping the line ends as written (bare LF, RFC 8866 §5 lets parsers accept it). */
    public static Sdp exact(String text) {
        Sdp sdp = new Sdp(null, -1);
        sdp.attributes.add(text);
        return sdp;
    }

    public static Sdp audio(HostPort media) {
        return new Sdp(media.ip(), media.port());
    }

    /** Adds a payload type with its a=rtpmap (RFC 8866 §6.6), e.g. {@code rtpmap(0, "PCMU/8000")}. */
    public Sdp rtpmap(int pt, String encoding) {
        formats.add(pt);
        attributes.add("a=rtpmap:" + pt + " " + encoding);
        return this;
    }

    /** The m= line's transport protocol, e.g. "RTP/SAVP" for SRTP (RFC 3711 §12). */
    public Sdp proto(String proto) {
        this.proto = proto;
        return this;
    }

    public Sdp attribute(String line) {
        attributes.add("a=" + line);
        return this;
    }

    @Override
    public String toString() {
        if (connectionIp == null && port < 0) {
            return attributes.get(0);
        }
        if (connectionIp == null) {
            return attributes.get(0).replaceAll("\r?\n", "\r\n");
        }
        String family = connectionIp.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder sb = new StringBuilder();
        sb.append("v=0\r\n");
        sb.append("o=- 1 1 IN ").append(family).append(' ').append(connectionIp).append("\r\n");
        sb.append("s=-\r\n");
        sb.append("c=IN ").append(family).append(' ').append(connectionIp).append("\r\n");
        sb.append("t=0 0\r\n");
        sb.append("m=audio ").append(port).append(' ').append(proto);
        formats.forEach(f -> sb.append(' ').append(f));
        sb.append("\r\n");
        attributes.forEach(a -> sb.append(a).append("\r\n"));
        return sb.toString();
    }
}
