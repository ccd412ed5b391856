package org.callscope.engine.tls.keys.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the key transport tests share: the PSK computed on its own, key-log lines, waiting, collected events. */
final class TransportTestSupport {
    static final String SECRET = "correct horse battery staple 42";
    static final String OTHER_SECRET = "a different shared secret, 2026";

    private TransportTestSupport() {
    }

    /** HMAC-SHA256(key = secret, "callscope keylog psk v1") in hex, as docs/KEY-TRANSPORT.md defines it. */
    static String pskHex(String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal("callscope keylog psk v1".getBytes(StandardCharsets.US_ASCII)));
    }

    /** A CLIENT_RANDOM line whose random and master secret are made from {@code i}. */
    static String line(int i) {
        String random = String.format("%064x", 0x1000_0000L + i);
        String master = String.format("%096x", 0x2000_0000L + i);
        return "CLIENT_RANDOM " + random + " " + master;
    }

    static byte[] random(int i) {
        return HexFormat.of().parseHex(String.format("%064x", 0x1000_0000L + i));
    }

    static byte[] master(int i) {
        return HexFormat.of().parseHex(String.format("%096x", 0x2000_0000L + i));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Events as text, authentication failures marked. */
    static final class Events implements KeyTransportEvents {
        final List<String> authenticationFailures = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void authenticationFailed(String peer, String detail) {
            authenticationFailures.add(peer + ": " + detail);
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }

        List<String> all() {
            List<String> all = new java.util.ArrayList<>(authenticationFailures);
            all.addAll(warnings);
            return all;
        }
    }
}
