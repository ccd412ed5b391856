package org.callscope.engine.tls.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** NSS key log lines ({@code LABEL client_random secret}), keyed by label and lower-case client random. */
final class NssKeyLog {
    private final Map<String, byte[]> secrets = new HashMap<>();

    static NssKeyLog read(Path file) throws IOException {
        NssKeyLog log = new NssKeyLog();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && !f[0].startsWith("#")) {
                log.secrets.put(f[0] + " " + f[1].toLowerCase(), HexFormat.of().parseHex(f[2].toLowerCase()));
            }
        }
        return log;
    }

    /** The secret of {@code label} for the connection with {@code clientRandom}, or null. */
    byte[] secret(String label, byte[] clientRandom) {
        return secrets.get(label + " " + HexFormat.of().formatHex(clientRandom));
    }
}
