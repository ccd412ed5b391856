package org.callscope.engine.dtlssrtp;

/**
 * Receives what {@link DtlsSrtpTracker} learns, on the thread that feeds it. Each handshake ends in
 * exactly one call: keys, or a failure. A new handshake on the same address pair (a restarted
 * association) ends in its own call, and its keys replace the earlier ones.
 */
public interface DtlsSrtpListener {
    void onKeys(DtlsSrtpKeys keys);

    void onFailure(DtlsSrtpFailure failure);
}
