package org.callscope.engine.srtp;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only SRTP/SRTCP sender, written straight from RFC 3711 §3-4 and RFC 7714 §8-9 with the JDK's
 * own AES-CTR, AES-GCM and HMAC (none of the engine's primitives), so the engine is checked against
 * a second implementation. It reproduces libsrtp's published packets ({@code SrtpDriverVectorsTest}).
 * The caller picks the ROC and SRTCP index.
 */
public final class SrtpProtector {
    private final SrtpPolicy policy;
    private final SrtpMasterKey key;

    public SrtpProtector(SrtpPolicy policy, int keyIndex) {
        this.policy = policy;
        this.key = policy.keys().get(keyIndex);
    }

    public SrtpProtector(SrtpPolicy policy) {
        this(policy, 0);
    }

    /** RFC 3711 §4.3.1 with JDK AES-CTR under the master key. */
    static byte[] kdf(SrtpMasterKey key, int label, long r, int length) {
        byte[] iv = new byte[16];
        byte[] salt = key.salt();
        System.arraycopy(salt, 0, iv, 0, salt.length);
        iv[7] ^= (byte) label;
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (r >>> (8 * i));
        }
        return ctr(key.key(), iv, new byte[length]);
    }

    public byte[] protectRtp(byte[] rtp, long roc) {
        int header = SrtpContext.rtpHeaderLength(rtp, 0, rtp.length);
        if (header < 0) {
            throw new IllegalArgumentException("not an RTP packet");
        }
        long ssrc = u32(rtp, 8);
        int seq = (rtp[2] & 0xff) << 8 | (rtp[3] & 0xff);
        long index = roc << 16 | seq;
        long r = policy.keyDerivationRate() == 0 ? 0 : index / policy.keyDerivationRate();
        SrtpSuite suite = policy.suite();
        byte[] ke = kdf(key, 0, r, suite.masterKeyLength());
        byte[] ks = kdf(key, 2, r, suite.masterSaltLength());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (suite.cipher() == SrtpSuite.Cipher.AES_GCM) {
            byte[] nonce = gcmNonce(ks, ssrc, roc << 16 | seq);
            boolean enc = policy.rtpEncrypted();
            int aad = enc ? header : rtp.length;
            out.write(rtp, 0, aad);
            out.writeBytes(gcm(ke, nonce, Arrays.copyOf(rtp, aad), Arrays.copyOfRange(rtp, aad, rtp.length)));
            out.writeBytes(key.mki());
            return out.toByteArray();
        }
        byte[] payload = Arrays.copyOfRange(rtp, header, rtp.length);
        if (suite.cipher() == SrtpSuite.Cipher.AES_CM && policy.rtpEncrypted()) {
            payload = ctr(ke, counterIv(ks, ssrc, index), payload);
        }
        out.write(rtp, 0, header);
        out.writeBytes(payload);
        byte[] authenticated = out.toByteArray();
        out.writeBytes(key.mki());
        if (policy.rtpAuthenticated()) {
            byte[] ka = kdf(key, 1, r, 20);
            byte[] tag = hmac(ka, authenticated, new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
            out.write(tag, 0, suite.rtpTagLength());
        }
        return out.toByteArray();
    }

    public byte[] protectRtcp(byte[] rtcp, long index) {
        return protectRtcp(rtcp, index, policy.rtcpEncrypted());
    }

    byte[] protectRtcp(byte[] rtcp, long index, boolean encrypt) {
        long ssrc = u32(rtcp, 4);
        long r = policy.keyDerivationRate() == 0 ? 0 : index / policy.keyDerivationRate();
        SrtpSuite suite = policy.suite();
        byte[] ke = kdf(key, 3, r, suite.masterKeyLength());
        byte[] ks = kdf(key, 5, r, suite.masterSaltLength());
        byte[] word = {(byte) ((encrypt ? 0x80 : 0) | (index >>> 24)), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (suite.cipher() == SrtpSuite.Cipher.AES_GCM) {
            byte[] nonce = gcmNonce(ks, ssrc, index);
            int aad = encrypt ? 8 : rtcp.length;
            byte[] aadBytes = Arrays.copyOf(Arrays.copyOf(rtcp, aad), aad + 4);
            System.arraycopy(word, 0, aadBytes, aad, 4);
            out.write(rtcp, 0, aad);
            out.writeBytes(gcm(ke, nonce, aadBytes, Arrays.copyOfRange(rtcp, aad, rtcp.length)));
            out.writeBytes(word);
            out.writeBytes(key.mki());
            return out.toByteArray();
        }
        byte[] body = Arrays.copyOfRange(rtcp, 8, rtcp.length);
        if (encrypt && suite.cipher() == SrtpSuite.Cipher.AES_CM) {
            body = ctr(ke, counterIv(ks, ssrc, index), body);
        }
        out.write(rtcp, 0, 8);
        out.writeBytes(body);
        out.writeBytes(word);
        byte[] authenticated = out.toByteArray();
        out.writeBytes(key.mki());
        byte[] ka = kdf(key, 4, r, 20);
        out.write(hmac(ka, authenticated, new byte[0]), 0, suite.rtcpTagLength());
        return out.toByteArray();
    }

    private static byte[] counterIv(byte[] salt, long ssrc, long index) {
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[7 - i] ^= (byte) (ssrc >>> (8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (index >>> (8 * i));
        }
        return iv;
    }

    private static byte[] gcmNonce(byte[] salt, long ssrc, long tail) {
        byte[] nonce = Arrays.copyOf(salt, 12);
        for (int i = 0; i < 4; i++) {
            nonce[5 - i] ^= (byte) (ssrc >>> (8 * i));
        }
        for (int i = 0; i < 6; i++) {
            nonce[11 - i] ^= (byte) (tail >>> (8 * i));
        }
        return nonce;
    }

    private static byte[] ctr(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gcm(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data, byte[] trailer) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(data);
            return mac.doFinal(trailer);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }
}
