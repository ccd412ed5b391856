package org.callscope.engine.dtlssrtp;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a tracker reports. */
final class RecordingListener implements DtlsSrtpListener {
    final List<DtlsSrtpKeys> keys = new ArrayList<>();
    final List<DtlsSrtpFailure> failures = new ArrayList<>();

    @Override
    public void onKeys(DtlsSrtpKeys k) {
        keys.add(k);
    }

    @Override
    public void onFailure(DtlsSrtpFailure failure) {
        failures.add(failure);
    }

    List<String> reasons() {
        return failures.stream().map(DtlsSrtpFailure::reason).toList();
    }
}
