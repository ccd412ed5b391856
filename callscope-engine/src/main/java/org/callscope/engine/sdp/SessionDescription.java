package org.callscope.engine.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed SDP body (RFC 8866): origin, session name, session connection and attributes, media
 * sections, and what was wrong. Immutable once {@link SdpParser} returns it; any thread.
 */
public final class SessionDescription {
    final SdpAttributes attributes = new SdpAttributes();
    final List<MediaDescription> media = new ArrayList<>();
    final List<SdpProblem> problems = new ArrayList<>();
    int version = -1;
    SdpOrigin origin;
    String sessionName;
    SdpConnection connection;

    SessionDescription() {
    }

    /** v= value, or -1 when absent or not a number. */
    public int version() {
        return version;
    }

    /** o= line, or null when absent or malformed. */
    public SdpOrigin origin() {
        return origin;
    }

    /** s= value (may be empty or "-"), or null when absent. */
    public String sessionName() {
        return sessionName;
    }

    /** Session-level c= line, or null. */
    public SdpConnection connection() {
        return connection;
    }

    public List<MediaDescription> media() {
        return Collections.unmodifiableList(media);
    }

    /** Session-level direction, sendrecv when absent (RFC 8866 §6.7). */
    public MediaDirection direction() {
        return attributes.direction != null ? attributes.direction : MediaDirection.SENDRECV;
    }

    /** Session-level a=setup, or null. */
    public SetupRole setup() {
        return attributes.setup;
    }

    /** Session-level a=fingerprint, or null. */
    public SdpFingerprint fingerprint() {
        return attributes.fingerprint;
    }

    /** Session-level a= lines in order. */
    public List<SdpAttribute> attributes() {
        return Collections.unmodifiableList(attributes.all);
    }

    /** What was skipped or malformed; empty for a clean description. */
    public List<SdpProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    public boolean isValid() {
        return problems.isEmpty();
    }
}
