package org.callscope.engine.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnomalyCountersTest {

    @Test
    void countsAndMergesPerAnomaly() {
        AnomalyCounters a = new AnomalyCounters();
        AnomalyCounters b = new AnomalyCounters();
        a.count(Anomaly.VLAN_TRUNCATED);
        a.count(Anomaly.VLAN_TRUNCATED);
        b.count(Anomaly.SIP_MALFORMED);
        a.addAll(b);
        assertThat(a.get(Anomaly.VLAN_TRUNCATED)).isEqualTo(2);
        assertThat(a.nonZero()).containsOnlyKeys(Anomaly.VLAN_TRUNCATED, Anomaly.SIP_MALFORMED);
    }
}
