package org.callscope.engine.defrag;

/** What happened to one offered fragment. */
public enum FragmentResult {
    /** Stored; the datagram still has holes. */
    HELD,
    /** This fragment completed its datagram: see {@link IpDefragmenter#buffer()}. */
    COMPLETE,
    /** Refused (bad length, too large, inconsistent); the reason was counted as an anomaly. */
    DROPPED
}
