package org.callscope.engine.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EModelTest {
    @Test
    void convertsRToMosAsG107AnnexB() {
        assertThat(EModel.mos(-5)).isEqualTo(1);
        assertThat(EModel.mos(0)).isEqualTo(1);
        assertThat(EModel.mos(100)).isCloseTo(4.5, within(1e-12));
        assertThat(EModel.mos(120)).isEqualTo(4.5);
        // 1 + 0.035*50 + 50*(50-60)*(100-50)*7e-6
        assertThat(EModel.mos(50)).isCloseTo(2.575, within(1e-12));
        // Default R of G.107 gives the familiar ~4.41 ceiling of narrowband calls.
        assertThat(EModel.mos(93.2)).isCloseTo(1 + 0.035 * 93.2 + 93.2 * 33.2 * 6.8 * 7e-6, within(1e-12));
    }

    @Test
    void effectiveImpairmentFollowsG107() {
        assertThat(EModel.ieEff(EModel.Codec.G711, 0, 1)).isZero();
        // 95 * 5 / (5 + 25.1)
        assertThat(EModel.ieEff(EModel.Codec.G711, 5, 1)).isCloseTo(95 * 5 / 30.1, within(1e-12));
        // Ie + (95 - Ie) * 2 / (2 + 19)
        assertThat(EModel.ieEff(EModel.Codec.G729, 2, 1)).isCloseTo(11 + 84 * 2 / 21.0, within(1e-12));
        // Bursty loss hurts more than random loss of the same rate.
        assertThat(EModel.ieEff(EModel.Codec.G711, 5, 2)).isGreaterThan(EModel.ieEff(EModel.Codec.G711, 5, 1));
    }

    @Test
    void delayImpairmentHasItsKneeAt177ms() {
        assertThat(EModel.delayImpairment(100)).isCloseTo(2.4, within(1e-12));
        assertThat(EModel.delayImpairment(277.3)).isCloseTo(0.024 * 277.3 + 11, within(1e-9));
        assertThat(EModel.delayImpairment(-3)).isZero();
    }

    @Test
    void lossAndCodecLowerMos() {
        double clean = EModel.mos(EModel.Codec.G711, 0, 0);
        assertThat(clean).isCloseTo(4.41, within(0.01));
        assertThat(EModel.mos(EModel.Codec.G711, 5, 0)).isLessThan(clean - 0.4);
        assertThat(EModel.mos(EModel.Codec.G729, 0, 0)).isLessThan(clean);
        assertThat(EModel.mos(EModel.Codec.G711, 100, 0)).isGreaterThanOrEqualTo(1);
        assertThat(EModel.Codec.forPayloadType(18)).isEqualTo(EModel.Codec.G729);
        assertThat(EModel.Codec.forPayloadType(0)).isEqualTo(EModel.Codec.G711);
    }
}
