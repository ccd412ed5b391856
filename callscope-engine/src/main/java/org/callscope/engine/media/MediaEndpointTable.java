package org.callscope.engine.media;

import org.callscope.engine.anomaly.Anomaly;
import org.callscope.engine.anomaly.AnomalyCounters;
import org.callscope.engine.bytes.LongObjectMap;
import org.callscope.engine.bytes.PackedEndpoint;

/**
 * Media endpoints announced in SDP, keyed by packed address+port. Written by the signalling path
 * before any later packet is dispatched (signalling before media), read per RTP packet without
 * allocation. The latest announcement of an address+port wins, as a reused port belongs to the
 * newest call. Bounded by {@link #MAX_ENDPOINTS}.
 */
public final class MediaEndpointTable {
    /** Four endpoints (RTP+RTCP, both sides) for 250k concurrent calls. */
    public static final int MAX_ENDPOINTS = 1_000_000;

    private final LongObjectMap<MediaEndpoint> endpoints = new LongObjectMap<>(1024);
    private final AnomalyCounters anomalies;
    /** Counts announcements: a lookup that found nothing may find something once this moves. */
    private int announcements;
    /** Counts endpoints that stopped being {@link MediaEndpoint#live}: superseded or released. */
    private int endings;

    public MediaEndpointTable(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    /** Announces that {@code receiver} of {@code owner} receives media at address:port. */
    public MediaEndpoint announce(byte[] address, int port, CallSide receiver, boolean rtcp,
                                  PayloadFormat[] formats, MediaOwner owner, boolean srtp) {
        return announce(address, port, receiver, rtcp, formats, owner, srtp, 0);
    }

    /** As {@link #announce(byte[], int, CallSide, boolean, PayloadFormat[], MediaOwner, boolean)}, for the {@code mediaIndex}-th m= line. */
    public MediaEndpoint announce(byte[] address, int port, CallSide receiver, boolean rtcp,
                                  PayloadFormat[] formats, MediaOwner owner, boolean srtp, int mediaIndex) {
        long key = PackedEndpoint.pack(address, address.length, port);
        if (endpoints.get(key) == null && endpoints.size() >= MAX_ENDPOINTS) {
            anomalies.count(Anomaly.MEDIA_TABLE_FULL);
            return null;
        }
        MediaEndpoint e = new MediaEndpoint(key, address.clone(), port, receiver, rtcp, formats, owner, srtp, mediaIndex);
        MediaEndpoint replaced = endpoints.put(key, e);
        if (replaced != null) {
            replaced.superseded = true;
            endings++;
        }
        announcements++;
        return e;
    }

    /** The live endpoint at address:port, or null. Allocation-free. */
    public MediaEndpoint find(byte[] address, int addrLength, int port) {
        return find(address, addrLength, PackedEndpoint.pack(address, addrLength, port));
    }

    /** Same as {@link #find(byte[], int, int)} with the {@link PackedEndpoint} key already packed. */
    MediaEndpoint find(byte[] address, int addrLength, long key) {
        MediaEndpoint e = endpoints.get(key);
        if (e == null || e.owner == null || !e.sameAddress(address, addrLength)) {
            return null;
        }
        return e;
    }

    /**
     * Number of announcements so far. While it does not change, an address+port that had no live
     * endpoint still has none (release only removes).
     */
    int announcements() {
        return announcements;
    }

    /**
     * Number of endpoints that stopped being live so far. While it does not change, an endpoint
     * that was live still is, so the media path need not look at the endpoint itself.
     */
    int endings() {
        return endings;
    }

    /** Forgets every endpoint of {@code owner} (its call ended). */
    public void release(MediaOwner owner, Iterable<MediaEndpoint> announced) {
        for (MediaEndpoint e : announced) {
            if (e.owner == owner) {
                e.owner = null;
                endings++;
                MediaEndpoint current = endpoints.get(e.key);
                if (current == e) {
                    endpoints.remove(e.key);
                }
            }
        }
    }

    public int size() {
        return endpoints.size();
    }
}
