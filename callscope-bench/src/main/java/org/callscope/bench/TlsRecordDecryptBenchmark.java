package org.callscope.bench;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.callscope.engine.tls.TlsVersion;
import org.callscope.engine.tls.crypto.BulkCipher;
import org.callscope.engine.tls.crypto.CipherSuite;
import org.callscope.engine.tls.crypto.CipherSuites;
import org.callscope.engine.tls.crypto.Hkdf;
import org.callscope.engine.tls.crypto.Prf;
import org.callscope.engine.tls.crypto.RecordDecryptException;
import org.callscope.engine.tls.crypto.RecordDecryptor;
import org.callscope.engine.tls.crypto.RecordDecryptors;
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
 * Record decryption of application data records of {@code recordBytes} bytes of content: MAC or
 * tag check, decryption and the plaintext copy, for TLS 1.2 (AES-128-GCM, AES-256-CBC with
 * HMAC-SHA1, ChaCha20-Poly1305) and TLS 1.3 (AES-128-GCM, ChaCha20-Poly1305). One operation is one
 * record, so MB/s = ops/s × recordBytes / 10^6. The records are sealed here with javax.crypto,
 * independently of the decryptor (only the key derivation is shared), and opened with explicit
 * sequence numbers so every invocation can replay them. 512 bytes is about one SIP message per
 * record; 16384 is the largest record TLS allows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
public class TlsRecordDecryptBenchmark {
    static final int RECORDS = 256;
    private static final int APPLICATION_DATA = 23;
    private static final int TLS12 = 0x0303;

    @Param({"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"})
    public String suite;

    @Param({"512", "1024", "16384"})
    public int recordBytes;

    private byte[][] records;
    private RecordDecryptor decryptor;

    @Setup(Level.Trial)
    public void seal() throws Exception {
        CipherSuite s = CipherSuites.all().stream().filter(c -> c.name().equals(suite)).findFirst().orElseThrow();
        records = new byte[RECORDS][];
        byte[] content = new byte[recordBytes];
        if (s.tls13()) {
            byte[] secret = new byte[Hkdf.hashLength(s.prfHash())];
            Arrays.fill(secret, (byte) 0x42);
            byte[] key = Hkdf.expandLabel(s.prfHash(), secret, "key", new byte[0], s.cipher().keyLength());
            byte[] iv = Hkdf.expandLabel(s.prfHash(), secret, "iv", new byte[0], 12);
            for (int seq = 0; seq < RECORDS; seq++) {
                Arrays.fill(content, (byte) seq);
                records[seq] = sealTls13(s, key, iv, seq, content);
            }
            decryptor = RecordDecryptors.tls13(s, secret);
        } else {
            byte[] master = new byte[48];
            byte[] clientRandom = new byte[32];
            byte[] serverRandom = new byte[32];
            Arrays.fill(master, (byte) 0x42);
            Arrays.fill(clientRandom, (byte) 1);
            Arrays.fill(serverRandom, (byte) 2);
            int macLength = s.mac().length();
            int keyLength = s.cipher().keyLength();
            int ivLength = s.cipher().fixedIvLength();
            byte[] block = Prf.compute(TlsVersion.TLS_1_2, s, master, "key expansion", concat(serverRandom, clientRandom),
                    2 * (macLength + keyLength + ivLength));
            byte[] macKey = Arrays.copyOfRange(block, 0, macLength);
            byte[] key = Arrays.copyOfRange(block, 2 * macLength, 2 * macLength + keyLength);
            byte[] iv = Arrays.copyOfRange(block, 2 * (macLength + keyLength), 2 * (macLength + keyLength) + ivLength);
            for (int seq = 0; seq < RECORDS; seq++) {
                Arrays.fill(content, (byte) seq);
                records[seq] = s.cipher().aead() ? sealAead(s, key, iv, seq, content) : sealCbcSha(key, macKey, seq, content);
            }
            decryptor = RecordDecryptors.tls12(TlsVersion.TLS_1_2, s, master, clientRandom, serverRandom, false).client();
        }
        byte[] last = records[RECORDS - 1];
        if (decryptor.open(RECORDS - 1, APPLICATION_DATA, TLS12, last, 0, last.length).data().length != recordBytes) {
            throw new IllegalStateException("sealed records do not open");
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void open(Blackhole bh) throws RecordDecryptException {
        for (int seq = 0; seq < RECORDS; seq++) {
            byte[] r = records[seq];
            bh.consume(decryptor.open(seq, APPLICATION_DATA, TLS12, r, 0, r.length));
        }
    }

    private static byte[] header(long seq, int length) {
        byte[] h = new byte[13];
        for (int i = 0; i < 8; i++) {
            h[i] = (byte) (seq >>> (56 - 8 * i));
        }
        h[8] = APPLICATION_DATA;
        h[9] = 3;
        h[10] = 3;
        h[11] = (byte) (length >>> 8);
        h[12] = (byte) length;
        return h;
    }

    /** RFC 8446 §5.2: nonce = iv XOR sequence, additional data = the record header, inner plaintext = content ‖ type. */
    private static byte[] sealTls13(CipherSuite s, byte[] key, byte[] iv, long seq, byte[] content) throws GeneralSecurityException {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (seq >>> (8 * i));
        }
        Cipher c;
        if (s.cipher() == BulkCipher.CHACHA20_POLY1305) {
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        } else {
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        }
        int length = content.length + 1 + 16;
        c.updateAAD(new byte[] {APPLICATION_DATA, 3, 3, (byte) (length >>> 8), (byte) length});
        byte[] inner = Arrays.copyOf(content, content.length + 1);
        inner[content.length] = APPLICATION_DATA;
        return c.doFinal(inner);
    }

    private static byte[] sealAead(CipherSuite s, byte[] key, byte[] fixedIv, long seq, byte[] content) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        byte[] explicit = new byte[0];
        Cipher c;
        if (s.cipher().recordIvLength() == 0) {
            System.arraycopy(fixedIv, 0, nonce, 0, 12);
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (seq >>> (8 * i));
            }
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        } else {
            explicit = Arrays.copyOf(header(seq, 0), 8);
            System.arraycopy(fixedIv, 0, nonce, 0, 4);
            System.arraycopy(explicit, 0, nonce, 4, 8);
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        }
        c.updateAAD(header(seq, content.length));
        return concat(explicit, c.doFinal(content));
    }

    private static byte[] sealCbcSha(byte[] key, byte[] macKey, long seq, byte[] content) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec(macKey, "HmacSHA1"));
        hmac.update(header(seq, content.length));
        byte[] mac = hmac.doFinal(content);
        int padLength = 15 - (content.length + mac.length) % 16;
        byte[] plain = new byte[content.length + mac.length + padLength + 1];
        System.arraycopy(content, 0, plain, 0, content.length);
        System.arraycopy(mac, 0, plain, content.length, mac.length);
        Arrays.fill(plain, content.length + mac.length, plain.length, (byte) padLength);
        byte[] iv = new byte[16];
        Arrays.fill(iv, (byte) seq);
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return concat(iv, aes.doFinal(plain));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
