package org.callscope.engine.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The attributes of one level (session or media) and what was parsed out of them. Filled by
 * {@link SdpParser}, then read through {@link SessionDescription} and {@link MediaDescription}.
 */
final class SdpAttributes {
    final List<SdpAttribute> all = new ArrayList<>();
    final Map<Integer, Rtpmap> rtpmaps = new LinkedHashMap<>();
    final Map<Integer, String> fmtps = new LinkedHashMap<>();
    final List<SdpCrypto> cryptos = new ArrayList<>();
    final List<String> candidates = new ArrayList<>();
    MediaDirection direction;
    SetupRole setup;
    SdpFingerprint fingerprint;
    SdpRtcp rtcp;
    boolean rtcpMux;
    String mid;
    int ptime = -1;
    int maxptime = -1;

    /** Records an a= line; returns false when a known attribute is malformed. */
    boolean add(String name, String value) {
        all.add(new SdpAttribute(name, value));
        String key = name.toLowerCase(Locale.ROOT);
        MediaDirection dir = MediaDirection.of(key);
        if (dir != null) {
            direction = dir;
            return true;
        }
        if (key.equals("rtcp-mux")) {
            rtcpMux = true;
            return true;
        }
        if (value == null) {
            return true;
        }
        return switch (key) {
            case "rtpmap" -> rtpmap(value);
            case "fmtp" -> fmtp(value);
            case "ptime" -> (ptime = millis(value)) >= 0;
            case "maxptime" -> (maxptime = millis(value)) >= 0;
            case "rtcp" -> rtcp(value);
            case "crypto" -> crypto(value);
            case "fingerprint" -> fingerprint(value);
            case "setup" -> (setup = SetupRole.of(value)) != null;
            case "mid" -> {
                mid = value.trim();
                yield true;
            }
            case "candidate" -> {
                // Kept as WebRTC's RTCIceCandidate.candidate spells it (RFC 8839 §5.1).
                candidates.add("candidate:" + value);
                yield true;
            }
            default -> true;
        };
    }

    /** rtpmap-value = payload-type SP encoding-name "/" clock-rate [ "/" encoding-params ] (RFC 8866 §6.6). */
    private boolean rtpmap(String value) {
        String[] parts = SdpParser.fields(value, 2);
        int pt = SdpParser.integer(parts[0]);
        if (parts.length < 2 || pt < 0 || pt > 127) {
            return false;
        }
        String[] enc = parts[1].trim().split("/", 3);
        int clock = enc.length > 1 ? SdpParser.integer(enc[1]) : -1;
        int channels = enc.length > 2 ? SdpParser.integer(enc[2]) : 1;
        if (enc[0].isEmpty()) {
            return false;
        }
        // Kept even without a clock rate ("a=rtpmap:31 LPC" in RFC 4475), but flagged.
        rtpmaps.putIfAbsent(pt, new Rtpmap(pt, enc[0], clock, channels));
        return clock > 0 && channels > 0;
    }

    private boolean fmtp(String value) {
        String[] parts = SdpParser.fields(value, 2);
        int pt = SdpParser.integer(parts[0]);
        if (pt < 0 || pt > 127) {
            return false;
        }
        fmtps.putIfAbsent(pt, parts.length > 1 ? parts[1].trim() : "");
        return true;
    }

    /** ptime may be written with a fraction ("20.0"); whole milliseconds are kept. */
    private static int millis(String value) {
        String v = value.trim();
        int dot = v.indexOf('.');
        return SdpParser.integer(dot < 0 ? v : v.substring(0, dot));
    }

    /** rtcp-attribute = "rtcp:" port [nettype space addrtype space connection-address] (RFC 3605 §2.1). */
    private boolean rtcp(String value) {
        String[] parts = SdpParser.fields(value, 4);
        int port = SdpParser.integer(parts[0]);
        if (port < 0 || port > 65535) {
            return false;
        }
        SdpConnection c = parts.length == 4 ? SdpParser.connection(parts[1], parts[2], parts[3]) : null;
        rtcp = new SdpRtcp(port, c);
        return parts.length == 1 || parts.length == 4;
    }

    /** crypto = tag 1*WSP crypto-suite 1*WSP key-params *(1*WSP session-param) (RFC 4568 §9.1). */
    private boolean crypto(String value) {
        String[] parts = SdpParser.fields(value, Integer.MAX_VALUE);
        if (parts.length < 3) {
            return false;
        }
        int tag = SdpParser.integer(parts[0]);
        if (tag < 0) {
            return false;
        }
        List<String> keys = new ArrayList<>();
        for (String k : parts[2].split(";")) {
            if (!k.isEmpty()) {
                keys.add(k);
            }
        }
        List<String> session = List.of(parts).subList(3, parts.length);
        cryptos.add(new SdpCrypto(tag, parts[1], keys, session));
        return !keys.isEmpty();
    }

    /** fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint (RFC 8122 §5). */
    private boolean fingerprint(String value) {
        String[] parts = SdpParser.fields(value, 2);
        if (parts.length < 2) {
            return false;
        }
        fingerprint = new SdpFingerprint(parts[0].toLowerCase(Locale.ROOT), parts[1].trim());
        return true;
    }
}
