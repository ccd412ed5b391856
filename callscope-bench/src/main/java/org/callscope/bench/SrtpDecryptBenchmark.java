package org.callscope.bench;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.callscope.engine.srtp.SrtpContext;
import org.callscope.engine.srtp.SrtpMasterKey;
import org.callscope.engine.srtp.SrtpPolicy;
import org.callscope.engine.srtp.SrtpSuite;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SRTP packet authentication and decryption by {@link SrtpContext#unprotectRtp}: one operation is
 * one packet of a 12-byte header and {@code payloadBytes} of payload (160 = 20 ms of G.711), so
 * ops/s is packets/s on one core. The packets are protected here with the JDK's AES-CTR, HMAC-SHA1
 * and AES-GCM, independently of the engine, for one SSRC with consecutive sequence numbers; every
 * invocation replays them (no replay check, so they authenticate again).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class SrtpDecryptBenchmark {
    static final int PACKETS = 256;
    private static final int HEADER = 12;
    private static final long SSRC = 0x0badcafeL;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String suite;

    @Param({"160"})
    public int payloadBytes;

    private byte[][] packets;
    private byte[] out;
    private SrtpContext context;

    @Setup(Level.Trial)
    public void protect() throws GeneralSecurityException {
        SrtpSuite s = SrtpSuite.valueOf(suite);
        byte[] key = new byte[s.masterKeyLength()];
        byte[] salt = new byte[s.masterSaltLength()];
        Arrays.fill(key, (byte) 0x42);
        Arrays.fill(salt, (byte) 0x24);
        SrtpMasterKey master = new SrtpMasterKey(s, key, salt);
        packets = new byte[PACKETS][];
        for (int seq = 0; seq < PACKETS; seq++) {
            byte[] rtp = new byte[HEADER + payloadBytes];
            rtp[0] = (byte) 0x80;
            rtp[1] = 8;
            rtp[2] = (byte) (seq >>> 8);
            rtp[3] = (byte) seq;
            rtp[8] = (byte) (SSRC >>> 24);
            rtp[9] = (byte) (SSRC >>> 16);
            rtp[10] = (byte) (SSRC >>> 8);
            rtp[11] = (byte) SSRC;
            Arrays.fill(rtp, HEADER, rtp.length, (byte) seq);
            packets[seq] = protect(s, master, rtp, seq);
        }
        context = new SrtpContext(SrtpPolicy.of(master));
        out = new byte[HEADER + payloadBytes + 16];
        for (byte[] p : packets) {
            if (context.unprotectRtp(p, 0, p.length, out, 0) != HEADER + payloadBytes) {
                throw new IllegalStateException("protected packets do not decrypt");
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void unprotect(Blackhole bh) {
        for (byte[] p : packets) {
            bh.consume(context.unprotectRtp(p, 0, p.length, out, 0));
        }
    }

    /** RFC 3711 §4.1.1/§4.2 (AES-CM, HMAC-SHA1 over packet ‖ ROC) or RFC 7714 §8 (GCM, header as AAD); ROC 0. */
    private static byte[] protect(SrtpSuite s, SrtpMasterKey master, byte[] rtp, int seq) throws GeneralSecurityException {
        boolean gcm = s.cipher() == SrtpSuite.Cipher.AES_GCM;
        byte[] ke = kdf(master, 0, s.masterKeyLength());
        byte[] ks = kdf(master, 2, s.masterSaltLength());
        if (gcm) {
            byte[] nonce = Arrays.copyOf(ks, 12);
            for (int i = 0; i < 4; i++) {
                nonce[5 - i] ^= (byte) (SSRC >>> (8 * i));
            }
            nonce[10] ^= (byte) (seq >>> 8);
            nonce[11] ^= (byte) seq;
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ke, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(rtp, 0, HEADER);
            byte[] sealed = c.doFinal(rtp, HEADER, rtp.length - HEADER);
            byte[] packet = Arrays.copyOf(rtp, HEADER + sealed.length);
            System.arraycopy(sealed, 0, packet, HEADER, sealed.length);
            return packet;
        }
        byte[] iv = new byte[16];
        System.arraycopy(ks, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[7 - i] ^= (byte) (SSRC >>> (8 * i));
        }
        iv[12] ^= (byte) (seq >>> 8);
        iv[13] ^= (byte) seq;
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ke, "AES"), new IvParameterSpec(iv));
        byte[] packet = Arrays.copyOf(rtp, rtp.length + s.rtpTagLength());
        ctr.doFinal(rtp, HEADER, rtp.length - HEADER, packet, HEADER);
        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec(kdf(master, 1, 20), "HmacSHA1"));
        hmac.update(packet, 0, rtp.length);
        byte[] tag = hmac.doFinal(new byte[4]);
        System.arraycopy(tag, 0, packet, rtp.length, s.rtpTagLength());
        return packet;
    }

    /** RFC 3711 §4.3.1 for r = 0: AES-CM under the master key on (salt XOR label) ‖ 0000. */
    private static byte[] kdf(SrtpMasterKey master, int label, int length) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        byte[] salt = master.salt();
        System.arraycopy(salt, 0, iv, 0, salt.length);
        iv[7] ^= (byte) label;
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(master.key(), "AES"), new IvParameterSpec(iv));
        return ctr.doFinal(new byte[length]);
    }
}
