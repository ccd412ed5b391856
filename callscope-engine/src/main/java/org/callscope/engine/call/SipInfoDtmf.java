package org.callscope.engine.call;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.callscope.engine.media.MediaStream;
import org.callscope.engine.sip.SipMessage;

/**
 * DTMF carried in SIP INFO bodies: {@code application/dtmf-relay} ("Signal=5") and
 * {@code application/dtmf} (the digit alone), as PBXes send them.
 */
final class SipInfoDtmf {
    private SipInfoDtmf() {
    }

    static void extract(SipMessage m, long tsNanos, List<MediaStream.TimedDigit> into) {
        String type = m.contentType();
        byte[] body = m.body();
        if (type == null || body == null || body.length == 0) {
            return;
        }
        String t = type.toLowerCase(Locale.ROOT);
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        if (t.startsWith("application/dtmf-relay")) {
            for (String line : text.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).strip().equalsIgnoreCase("Signal")) {
                    addDigit(line.substring(eq + 1).strip(), tsNanos, into);
                }
            }
        } else if (t.startsWith("application/dtmf")) {
            addDigit(text, tsNanos, into);
        }
    }

    private static void addDigit(String value, long tsNanos, List<MediaStream.TimedDigit> into) {
        if (value.length() == 1 && "0123456789*#ABCDabcd".indexOf(value.charAt(0)) >= 0) {
            into.add(new MediaStream.TimedDigit(tsNanos, Character.toUpperCase(value.charAt(0))));
        } else if (value.equals("10")) {
            into.add(new MediaStream.TimedDigit(tsNanos, '*'));
        } else if (value.equals("11")) {
            into.add(new MediaStream.TimedDigit(tsNanos, '#'));
        }
    }
}
