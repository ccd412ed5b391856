package org.callscope.engine.anomaly;

import java.util.EnumMap;
import java.util.Map;

/** Counts anomalies. Owned by one thread; merge worker counters with {@link #addAll}. */
public final class AnomalyCounters {
    private final long[] counts = new long[Anomaly.values().length];

    public void count(Anomaly anomaly) {
        counts[anomaly.ordinal()]++;
    }

    public long get(Anomaly anomaly) {
        return counts[anomaly.ordinal()];
    }

    public void addAll(AnomalyCounters other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** The non-zero counts, in declaration order. */
    public Map<Anomaly, Long> nonZero() {
        Map<Anomaly, Long> result = new EnumMap<>(Anomaly.class);
        for (Anomaly a : Anomaly.values()) {
            if (counts[a.ordinal()] != 0) {
                result.put(a, counts[a.ordinal()]);
            }
        }
        return result;
    }
}
