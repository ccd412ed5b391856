package org.callscope.engine.rtp;

/**
 * Listening-quality MOS from the ITU-T G.107 E-model, reduced the way passive monitors
 * (VoIPmonitor among them) apply it: only delay, codec and packet-loss impairments vary, every
 * other G.107 input stays at its default. Stateless, allocates nothing.
 *
 * <pre>
 *   R      = R0 - Id - Ie_eff                      R0 = Ro - Is = 93.2 with G.107 §7 defaults
 *   Ie_eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl)        G.107 (7-29), Ppl in percent
 *   Id     = 0.024 d + 0.11 (d - 177.3) H(d - 177.3)            one-way delay d in ms
 *   MOS    = 1                                     R &lt; 0
 *          = 1 + 0.035 R + R (R - 60) (100 - R) 7e-6            0 &lt;= R &lt;= 100  (G.107 Annex B)
 *          = 4.5                                   R &gt; 100
 * </pre>
 * The delay term is the Cole–Rosenbluth fit of G.107's Idd (Cole and Rosenbluth, "Voice over IP
 * performance monitoring", ACM SIGCOMM CCR 31(2), 2001), a simplification common in monitors;
 * {@code H} is the unit step. BurstR is 1 for random loss (G.107 §7.2). Codec values (Ie, Bpl)
 * come from ITU-T G.113 Appendix I, Tables I.1 and I.3; see {@link Codec}.
 */
public final class EModel {
    /** G.107 §7: Ro - Is with all default parameter values. */
    public static final double R0_DEFAULT = 93.2;
    /** Knee of the Cole–Rosenbluth delay impairment fit, ms. */
    private static final double DELAY_KNEE_MILLIS = 177.3;

    /** Codec impairments, G.113 Appendix I (Ie from Table I.1, Bpl from Table I.3). */
    public enum Codec {
        /** G.711 with packet loss concealment (G.711 Appendix I). */
        G711(0, 25.1),
        /** G.711 without concealment. */
        G711_NO_PLC(0, 4.3),
        /** G.729A with VAD. */
        G729(11, 19.0),
        /** G.723.1 at 6.3 kbit/s with VAD. */
        G723(15, 16.1),
        /** GSM-EFR (GSM 06.60). */
        GSM_EFR(5, 10.0),
        /** GSM full rate (GSM 06.10): Ie from Table I.1; Table I.3 has no Bpl, GSM-EFR's is used. */
        GSM(20, 10.0);

        final double ie;
        final double bpl;

        Codec(double ie, double bpl) {
            this.ie = ie;
            this.bpl = bpl;
        }

        public double ie() {
            return ie;
        }

        public double bpl() {
            return bpl;
        }

        /**
         * The impairment class for a static RTP payload type; wideband and unknown codecs are
         * rated as G.711 on the narrowband scale, which overrates low-bitrate ones.
         */
        public static Codec forPayloadType(int payloadType) {
            return switch (payloadType) {
                case 3 -> GSM;
                case 4 -> G723;
                case 18 -> G729;
                default -> G711;
            };
        }
    }

    private EModel() {
    }

    /** Effective equipment impairment for {@code lossPercent} random loss, G.107 (7-29). */
    public static double ieEff(Codec codec, double lossPercent, double burstRatio) {
        double ppl = Math.max(0, Math.min(100, lossPercent));
        double burst = burstRatio > 0 ? burstRatio : 1;
        return codec.ie + (95 - codec.ie) * ppl / (ppl / burst + codec.bpl);
    }

    /** Delay impairment for one-way delay {@code delayMillis}. */
    public static double delayImpairment(double delayMillis) {
        double d = Math.max(0, delayMillis);
        double id = 0.024 * d;
        if (d > DELAY_KNEE_MILLIS) {
            id += 0.11 * (d - DELAY_KNEE_MILLIS);
        }
        return id;
    }

    /** The transmission rating R. */
    public static double rFactor(Codec codec, double lossPercent, double burstRatio, double delayMillis) {
        return R0_DEFAULT - delayImpairment(delayMillis) - ieEff(codec, lossPercent, burstRatio);
    }

    /** G.107 Annex B (B-4): R to estimated MOS-CQE. */
    public static double mos(double r) {
        if (r < 0) {
            return 1;
        }
        if (r > 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }

    /** MOS for random loss and delay: {@code mos(rFactor(codec, lossPercent, 1, delayMillis))}. */
    public static double mos(Codec codec, double lossPercent, double delayMillis) {
        return mos(rFactor(codec, lossPercent, 1, delayMillis));
    }
}
