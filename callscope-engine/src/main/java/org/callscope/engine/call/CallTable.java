package org.callscope.engine.call;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.cdr.CdrSink;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.media.CallSide;
import org.callscope.engine.media.MediaEndpointTable;
import org.callscope.engine.media.MediaProcessor;
import org.callscope.engine.sip.SipMessage;

/**
 * Calls by Call-ID, on packet time: INVITE dialogs with their responses, CANCEL, re-INVITE, BYE,
 * endings by final response, BYE, RTP timeout or end of input. REGISTER goes to the
 * {@link RegistrationTable}; other requests outside calls are counted by method.
 *
 * <p>Owned by the signalling thread. Media endpoints from SDP are announced here before the next
 * packet is dispatched.
 */
public final class CallTable {
    /** Concurrent calls kept; beyond this new INVITEs are counted and dropped. */
    public static final int MAX_CALLS = 1_000_000;
    /** After a call ended (BYE, rejection, CANCEL) it stays open this long for trailing messages and media. */
    static final long ENDED_GRACE_NANOS = 5_000_000_000L;
    /** Call-IDs of closed calls remembered, so late retransmissions do not count as new traffic. */
    static final int CLOSED_MEMORY = 10_000;

    private final Map<String, Call> calls = new HashMap<>();
    private final Map<String, Boolean> recentlyClosed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CLOSED_MEMORY;
        }
    };
    private final Map<String, Long> otherMethods = new TreeMap<>();
    private final RegistrationTable registrations;
    private final MediaEndpointTable endpoints;
    private final MediaProcessor media;
    private final CdrSink sink;
    private final AnomalyCounters anomalies;
    private final CallRecorder.Factory recorders;
    private final long rtpTimeoutNanos;
    private final long absoluteTimeoutNanos;
    private final long sipWithoutRtpTimeoutNanos;
    private long callsClosed;

    public CallTable(AnalyzerSettings settings, MediaEndpointTable endpoints, MediaProcessor media, CdrSink sink,
                     AnomalyCounters anomalies, CallRecorder.Factory recorders) {
        this.endpoints = endpoints;
        this.media = media;
        this.sink = sink;
        this.anomalies = anomalies;
        this.recorders = recorders;
        this.registrations = new RegistrationTable(sink);
        this.rtpTimeoutNanos = settings.rtpTimeoutSeconds() * 1_000_000_000L;
        this.absoluteTimeoutNanos = settings.absoluteTimeoutSeconds() * 1_000_000_000L;
        this.sipWithoutRtpTimeoutNanos = settings.sipWithoutRtpTimeoutSeconds() * 1_000_000_000L;
    }

    public void onSip(SipEvent e) {
        SipMessage m = e.message();
        String callId = m.callId();
        if (callId == null || callId.isEmpty()) {
            anomalies.count(Anomaly.SIP_NO_CALL_ID);
            return;
        }
        String method = m.isRequest() ? m.method() : m.cseqMethod();
        if ("REGISTER".equals(method)) {
            registrations.onSip(e);
            return;
        }
        Call call = calls.get(callId);
        if (call == null) {
            if (m.isRequest() && "INVITE".equals(method) && !recentlyClosed.containsKey(callId)) {
                if (calls.size() >= MAX_CALLS) {
                    anomalies.count(Anomaly.CALL_TABLE_FULL);
                    return;
                }
                call = new Call(e, recorders.open(callId));
                calls.put(callId, call);
            } else {
                if (m.isRequest() && !recentlyClosed.containsKey(callId)) {
                    otherMethods.merge(method, 1L, Long::sum);
                }
                return;
            }
        }
        if (!call.account(e)) {
            return;
        }
        CallSide sender = call.sentByCaller(e) ? CallSide.CALLER : CallSide.CALLEE;
        if (m.isRequest()) {
            onRequest(call, e, method, sender);
        } else {
            onResponse(call, e, method, sender);
        }
    }

    private void onRequest(Call call, SipEvent e, String method, CallSide sender) {
        switch (method) {
            case "INVITE", "ACK", "UPDATE", "PRACK" -> SdpBinder.bind(call, e, sender, endpoints);
            case "BYE" -> {
                if (call.hangupBy == null) {
                    call.hangupBy = sender;
                }
                call.endReason = "bye";
                call.endedNanos = e.tsNanos();
            }
            case "CANCEL" -> {
                if (!call.answered()) {
                    call.endReason = "cancel";
                }
            }
            case "INFO" -> SipInfoDtmf.extract(e.message(), e.tsNanos(), call.infoDigits);
            default -> {
                // REFER, NOTIFY, OPTIONS and the like inside a dialog only count as messages.
            }
        }
    }

    private void onResponse(Call call, SipEvent e, String method, CallSide sender) {
        SipMessage m = e.message();
        int code = m.statusCode();
        if (sender == CallSide.CALLEE && call.userAgentCalled == null && m.userAgent() != null) {
            call.userAgentCalled = m.userAgent();
        }
        if ("INVITE".equals(method)) {
            if (code < 200) {
                call.lastProvisionalCode = code;
                call.lastProvisionalReason = m.reasonPhrase();
                SdpBinder.bind(call, e, sender, endpoints);
            } else if (code < 300) {
                if (!call.answered()) {
                    call.connectNanos = e.tsNanos();
                    call.finalCode = code;
                    call.finalReason = m.reasonPhrase();
                    if ("cancel".equals(call.endReason) && call.endedNanos == 0) {
                        // The 200 crossed the CANCEL, which then has no effect (RFC 3261 §9.2): the call goes on.
                        call.endReason = null;
                    }
                }
                SdpBinder.bind(call, e, sender, endpoints);
            } else if (!call.answered()) {
                call.finalCode = code;
                call.finalReason = m.reasonPhrase();
                if (code != 401 && code != 407 && call.endedNanos == 0) {
                    call.endReason = code == 487 || "cancel".equals(call.endReason) ? "cancel" : "rejected";
                    call.endedNanos = e.tsNanos();
                }
            }
        } else if ("BYE".equals(method) && code >= 200) {
            call.endedNanos = e.tsNanos();
        } else if (("UPDATE".equals(method) || "PRACK".equals(method)) && code >= 200 && code < 300) {
            // The answer to an offer in UPDATE (RFC 3311 §5.2) or PRACK (RFC 3262 §5) rides in its 2xx.
            SdpBinder.bind(call, e, sender, endpoints);
        }
    }

    /** Closes calls whose time is up on packet time {@code nowNanos}. */
    public void expire(long nowNanos) {
        List<Call> due = new ArrayList<>();
        for (Call c : calls.values()) {
            long last = c.lastActivityNanos();
            if (c.endedNanos != 0 && nowNanos - last > ENDED_GRACE_NANOS) {
                due.add(c);
            } else if (c.endedNanos == 0 && !c.streams.isEmpty() && nowNanos - last > rtpTimeoutNanos) {
                c.endReason = "rtp_timeout";
                due.add(c);
            } else if (c.endedNanos == 0 && c.streams.isEmpty() && nowNanos - last > sipWithoutRtpTimeoutNanos) {
                c.endReason = "sip_timeout";
                due.add(c);
            } else if (nowNanos - c.firstNanos > absoluteTimeoutNanos) {
                c.endReason = "absolute_timeout";
                due.add(c);
            }
        }
        due.forEach(this::close);
        registrations.expire(nowNanos);
    }

    /** End of input: every open call and registration is reported. */
    public void closeAll() {
        List<Call> all = new ArrayList<>(calls.values());
        all.sort((a, b) -> Long.compare(a.firstNanos, b.firstNanos));
        for (Call c : all) {
            if (c.endReason == null) {
                c.endReason = "end_of_input";
            }
            close(c);
        }
        registrations.closeAll();
        sink.onOtherMethods(Map.copyOf(otherMethods));
    }

    private void close(Call c) {
        calls.remove(c.callId);
        recentlyClosed.put(c.callId, Boolean.TRUE);
        endpoints.release(c, c.endpoints);
        media.release(c.streams);
        c.recorder.close();
        callsClosed++;
        sink.onCall(c.toCdr());
    }

    public int openCalls() {
        return calls.size();
    }

    public long callsClosed() {
        return callsClosed;
    }
}
