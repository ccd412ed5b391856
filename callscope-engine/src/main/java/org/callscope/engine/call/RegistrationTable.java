package org.callscope.engine.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.cdr.RegistrationRecord;
import org.callscope.engine.sip.NameAddr;
import org.callscope.engine.sip.SipMessage;
import org.callscope.engine.sip.SipUri;

/**
 * REGISTER transactions by Call-ID until a final answer that is not a challenge (401/407):
 * reported as ok, failed or unanswered. Owned by the signalling thread.
 */
final class RegistrationTable {
    /** RFC 3261 Timer F (64*T1): a REGISTER with no final answer for this long has failed. */
    static final long UNANSWERED_NANOS = 32_000_000_000L;
    static final int MAX_PENDING = 1_000_000;

    private final Map<String, Pending> pending = new HashMap<>();
    private final CdrSink sink;

    RegistrationTable(CdrSink sink) {
        this.sink = sink;
    }

    void onSip(SipEvent e) {
        SipMessage m = e.message();
        Pending p = pending.get(m.callId());
        if (m.isRequest()) {
            if (p == null) {
                if (pending.size() >= MAX_PENDING) {
                    return;
                }
                p = new Pending(e);
                pending.put(m.callId(), p);
            }
            p.attempts++;
            p.lastNanos = e.tsNanos();
            return;
        }
        if (p == null) {
            return;
        }
        p.lastNanos = e.tsNanos();
        int code = m.statusCode();
        if (code < 200 || code == 401 || code == 407) {
            p.code = code;
            p.reason = m.reasonPhrase();
            return;
        }
        pending.remove(m.callId());
        emit(p, code < 300 ? "ok" : "failed", code, m.reasonPhrase(), code < 300 ? grantedExpires(m) : -1);
    }

    void expire(long nowNanos) {
        List<Pending> due = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (nowNanos - p.lastNanos > UNANSWERED_NANOS) {
                due.add(p);
            }
        }
        for (Pending p : due) {
            pending.remove(p.callId);
            emit(p, p.code == 401 || p.code == 407 ? "failed" : "unanswered", p.code, p.reason, -1);
        }
    }

    void closeAll() {
        List<Pending> all = new ArrayList<>(pending.values());
        all.sort((a, b) -> Long.compare(a.firstNanos, b.firstNanos));
        pending.clear();
        for (Pending p : all) {
            emit(p, "unanswered", p.code, p.reason, -1);
        }
    }

    private void emit(Pending p, String state, int code, String reason, int expires) {
        sink.onRegistration(new RegistrationRecord(p.callId, Call.instant(p.firstNanos), Call.instant(p.lastNanos),
                p.user, p.domain, p.contact, p.clientIp, p.clientPort, p.serverIp, p.serverPort, p.transport,
                state, code, reason == null ? "" : reason, expires, p.attempts, p.userAgent));
    }

    /** Expiry granted by a 2xx: the Contact's expires parameter, else the Expires header (RFC 3261 §10.3). */
    private static int grantedExpires(SipMessage m) {
        String contact = m.header("Contact");
        if (contact != null) {
            int i = contact.toLowerCase(java.util.Locale.ROOT).indexOf("expires=");
            if (i >= 0) {
                int j = i + 8;
                int k = j;
                while (k < contact.length() && Character.isDigit(contact.charAt(k))) {
                    k++;
                }
                if (k > j && k - j < 10) {
                    return Integer.parseInt(contact.substring(j, k));
                }
            }
        }
        String expires = m.header("Expires");
        if (expires != null && expires.strip().matches("\\d{1,9}")) {
            return Integer.parseInt(expires.strip());
        }
        return -1;
    }

    private static final class Pending {
        final String callId;
        final long firstNanos;
        final String user;
        final String domain;
        final String contact;
        final String clientIp;
        final int clientPort;
        final String serverIp;
        final int serverPort;
        final String transport;
        final String userAgent;
        long lastNanos;
        int attempts;
        int code;
        String reason;

        Pending(SipEvent e) {
            SipMessage m = e.message();
            callId = m.callId();
            firstNanos = e.tsNanos();
            lastNanos = e.tsNanos();
            NameAddr to = m.to();
            SipUri uri = to == null ? null : to.uri();
            user = uri == null || uri.user() == null ? "" : uri.user();
            domain = uri == null || uri.host() == null ? "" : uri.host();
            String c = m.header("Contact");
            contact = c == null ? "" : c;
            clientIp = e.srcIp();
            clientPort = e.srcPort();
            serverIp = e.dstIp();
            serverPort = e.dstPort();
            transport = e.transport();
            userAgent = m.userAgent() == null ? "" : m.userAgent();
        }
    }
}
