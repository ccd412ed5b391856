package org.callscope.engine.tls.crypto;

import java.io.ByteArrayOutputStream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The sending side of record protection, written out from the RFCs for tests: builds protected
 * fragments for the decryptors to open. Independent of the production code except for the key
 * material handed in.
 */
final class RecordSealer {
    private RecordSealer() {
    }

    static byte[] hmacInput(long seq, int type, int version, byte[] content, int off, int len) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 7; i >= 0; i--) {
            b.write((int) (seq >>> (8 * i)));
        }
        b.write(type);
        b.write(version >>> 8);
        b.write(version);
        b.write(len >>> 8);
        b.write(len);
        b.write(content, off, len);
        return b.toByteArray();
    }

    static byte[] hmac(String algorithm, byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data);
    }

    /** RC4 + HMAC: RC4(content ‖ MAC), continuing {@code rc4}'s keystream. */
    static byte[] rc4(Cipher rc4, String hmac, byte[] macKey, long seq, int type, int version, byte[] content) throws Exception {
        byte[] mac = hmac(hmac, macKey, hmacInput(seq, type, version, content, 0, content.length));
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.writeBytes(content);
        plain.writeBytes(mac);
        return rc4.update(plain.toByteArray());
    }

    /**
     * AES-CBC + HMAC, MAC-then-encrypt or encrypt-then-MAC; with {@code explicitIv} the IV block is
     * sent first, otherwise {@code iv} is the chained IV and is not sent.
     */
    static byte[] aesCbc(byte[] key, byte[] iv, boolean explicitIv, boolean encryptThenMac, String hmac, byte[] macKey,
                         long seq, int type, int version, byte[] content, int extraPadding) throws Exception {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.writeBytes(content);
        if (!encryptThenMac) {
            plain.writeBytes(hmac(hmac, macKey, hmacInput(seq, type, version, content, 0, content.length)));
        }
        int pad = 15 - plain.size() % 16 + extraPadding;
        for (int i = 0; i <= pad; i++) {
            plain.write(pad);
        }
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (explicitIv) {
            out.writeBytes(iv);
        }
        out.writeBytes(aes.doFinal(plain.toByteArray()));
        if (encryptThenMac) {
            byte[] sent = out.toByteArray();
            out.writeBytes(hmac(hmac, macKey, hmacInput(seq, type, version, sent, 0, sent.length)));
        }
        return out.toByteArray();
    }

    /** AEAD encryption with a 12-byte nonce. */
    static byte[] aead(BulkCipher cipher, byte[] key, byte[] nonce, byte[] aad, byte[] plain) throws Exception {
        switch (cipher) {
            case AES_128_GCM, AES_256_GCM -> {
                Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
                gcm.updateAAD(aad);
                return gcm.doFinal(plain);
            }
            case CHACHA20_POLY1305 -> {
                Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
                chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
                chacha.updateAAD(aad);
                return chacha.doFinal(plain);
            }
            default -> {
                CCMModeCipher ccm = CCMBlockCipher.newInstance(AESEngine.newInstance());
                ccm.init(true, new AEADParameters(new KeyParameter(key), cipher.tagLength() * 8, nonce, aad));
                byte[] out = new byte[ccm.getOutputSize(plain.length)];
                int n = ccm.processBytes(plain, 0, plain.length, out, 0);
                ccm.doFinal(out, n);
                return out;
            }
        }
    }

    /** TLS 1.2 AEAD record: [explicit nonce] ‖ AEAD(content), nonce per RFC 5288 / RFC 7905. */
    static byte[] aead12(BulkCipher cipher, byte[] key, byte[] fixedIv, long seq, int type, int version, byte[] content,
                         byte[] explicitNonce) throws Exception {
        byte[] nonce = new byte[12];
        if (cipher == BulkCipher.CHACHA20_POLY1305) {
            System.arraycopy(fixedIv, 0, nonce, 0, 12);
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (seq >>> (8 * i));
            }
        } else {
            System.arraycopy(fixedIv, 0, nonce, 0, 4);
            System.arraycopy(explicitNonce, 0, nonce, 4, 8);
        }
        byte[] aad = hmacInput(seq, type, version, content, 0, content.length);
        byte[] header = java.util.Arrays.copyOf(aad, 13);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (cipher != BulkCipher.CHACHA20_POLY1305) {
            out.writeBytes(explicitNonce);
        }
        out.writeBytes(aead(cipher, key, nonce, header, content));
        return out.toByteArray();
    }

    /** TLS 1.3 record body: AEAD(content ‖ type ‖ zeros) under header 23 03 03 length. */
    static byte[] tls13(BulkCipher cipher, byte[] key, byte[] iv, long seq, int innerType, byte[] content, int padding)
            throws Exception {
        byte[] inner = new byte[content.length + 1 + padding];
        System.arraycopy(content, 0, inner, 0, content.length);
        inner[content.length] = (byte) innerType;
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (seq >>> (8 * i));
        }
        int len = inner.length + cipher.tagLength();
        byte[] aad = {23, 3, 3, (byte) (len >>> 8), (byte) len};
        return aead(cipher, key, nonce, aad, inner);
    }
}
