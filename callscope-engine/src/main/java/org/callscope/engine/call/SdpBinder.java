package org.callscope.engine.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.callscope.engine.media.CallSide;
import org.callscope.engine.media.MediaEndpoint;
import org.callscope.engine.media.MediaEndpointTable;
import org.callscope.engine.media.PayloadFormat;
import org.callscope.engine.sdp.MediaDescription;
import org.callscope.engine.sdp.Rtpmap;
import org.callscope.engine.sdp.SdpParser;
import org.callscope.engine.sdp.SessionDescription;
import org.callscope.engine.sip.SipMessage;

/**
 * Turns the SDP in a SIP message into media endpoints of a call: each m= line with a port names
 * where its sender receives RTP (and RTCP on the next port, or on the a=rtcp port, unless
 * rtcp-mux). Runs on the signalling path, before the next packet, so media never races its SDP.
 */
final class SdpBinder {
    private SdpBinder() {
    }

    static void bind(Call call, SipEvent e, CallSide sender, MediaEndpointTable endpoints) {
        SipMessage m = e.message();
        byte[] body = m.body();
        if (body == null || body.length == 0) {
            return;
        }
        String type = m.contentType() == null ? "" : m.contentType().toLowerCase(Locale.ROOT);
        int off = 0;
        if (type.startsWith("multipart/")) {
            off = indexOf(body, "v=0");
            if (off < 0) {
                return;
            }
        } else if (!type.contains("sdp")) {
            return;
        }
        int end = type.startsWith("multipart/") ? endOfPart(body, off) : body.length;
        SessionDescription sdp = SdpParser.parse(body, off, end - off);
        List<PayloadFormat> announced = new ArrayList<>();
        List<SdesOffer> sdes = new ArrayList<>();
        boolean anySdes = false;
        for (int index = 0; index < sdp.media().size(); index++) {
            MediaDescription md = sdp.media().get(index);
            SdesOffer offer = SdesOffer.of(md);
            sdes.add(offer);
            anySdes |= !offer.isEmpty();
            if (md.port() <= 0) {
                continue;
            }
            byte[] addr = IpLiteral.parse(md.connectionAddress());
            if (addr == null || isUnspecified(addr)) {
                continue;
            }
            int[] formats = md.payloadTypes();
            PayloadFormat[] pf = new PayloadFormat[formats.length];
            for (int i = 0; i < pf.length; i++) {
                int pt = formats[i];
                Rtpmap map = md.rtpmap(pt);
                pf[i] = new PayloadFormat(pt, md.encodingName(pt), md.clockRate(pt), map == null ? 0 : map.channels());
                announced.add(pf[i]);
            }
            // RTP/SAVP(F), or a=crypto on RTP/AVP (best-effort SRTP, RFC 4568 §3.1.2 allows it).
            boolean srtp = md.proto() != null && md.proto().toUpperCase(Locale.ROOT).contains("SAVP") || !offer.isEmpty();
            add(call, endpoints.announce(addr, md.port(), sender, false, pf, call, srtp, index));
            if (!md.rtcpMux()) {
                int rtcpPort = md.rtcp() != null && md.rtcp().port() > 0 ? md.rtcp().port() : md.port() + 1;
                byte[] rtcpAddr = rtcpAddress(md, addr);
                if (rtcpPort <= 65_535) {
                    add(call, endpoints.announce(rtcpAddr, rtcpPort, sender, true, pf, call, srtp, index));
                }
            }
        }
        if (anySdes) {
            call.announcedSdes(sender, sdes);
        }
        if (!announced.isEmpty()) {
            call.announcedFormats(sender, announced.toArray(PayloadFormat[]::new));
        }
    }

    /** RFC 3605 §2.1: a=rtcp may name its own address; otherwise RTCP goes to the media address. */
    private static byte[] rtcpAddress(MediaDescription md, byte[] mediaAddr) {
        if (md.rtcp() == null || md.rtcp().connection() == null) {
            return mediaAddr;
        }
        byte[] a = IpLiteral.parse(md.rtcp().connection().address());
        return a == null || isUnspecified(a) ? mediaAddr : a;
    }

    private static void add(Call call, MediaEndpoint e) {
        if (e != null) {
            call.endpoints.add(e);
        }
    }

    private static boolean isUnspecified(byte[] addr) {
        for (byte b : addr) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, String needle) {
        byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= body.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (body[i + j] != n[j]) {
                    continue outer;
                }
            }
            if (i == 0 || body[i - 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A multipart part ends at the next line starting with "--" (the boundary delimiter, RFC 2046 §5.1.1). */
    private static int endOfPart(byte[] body, int from) {
        for (int i = from; i + 2 < body.length; i++) {
            if (body[i] == '\n' && body[i + 1] == '-' && body[i + 2] == '-') {
                return i + 1;
            }
        }
        return body.length;
    }
}
