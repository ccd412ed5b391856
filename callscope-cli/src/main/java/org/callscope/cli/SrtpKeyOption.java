package org.callscope.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.config.ConfigException;
import org.callscope.engine.srtp.SdesKeys;
import org.callscope.engine.srtp.SrtpKeyException;
import org.callscope.engine.srtp.SrtpPolicy;
import org.callscope.engine.tls.keys.IpPort;

/**
 * {@code --srtp-key IP:PORT=SUITE:inline:BASE64[|LIFETIME][|MKI:LENGTH]}: the key the sender at
 * IP:PORT announced in its a=crypto line, for captures whose SDP is missing or unreadable. SDES
 * session parameters may follow after a space, as in SDP. Messages never repeat the key.
 */
final class SrtpKeyOption {
    private SrtpKeyOption() {
    }

    /** The sender and its key. */
    record Parsed(IpPort sender, SrtpPolicy policy) {
    }

    static Parsed parse(String spec) throws ConfigException {
        int eq = spec.indexOf('=');
        String where = "--srtp-key " + (eq > 0 ? spec.substring(0, eq) + "=…" : "…");
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new ConfigException(where + ": expected IP:PORT=SUITE:inline:KEY, e.g. "
                    + "10.0.0.1:4000=AES_CM_128_HMAC_SHA1_80:inline:<base64 key and salt>");
        }
        IpPort sender;
        try {
            sender = IpPort.parse(spec.substring(0, eq));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
        if (sender.port() == 0) {
            throw new ConfigException(where + ": give the sender's port (1-65535)");
        }
        String rest = spec.substring(eq + 1).strip();
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            throw new ConfigException(where + ": expected SUITE:inline:KEY after '='");
        }
        String suite = rest.substring(0, colon);
        List<String> words = new ArrayList<>(Arrays.asList(rest.substring(colon + 1).strip().split("\\s+")));
        List<String> keyParams = List.of(words.removeFirst().split(";"));
        try {
            return new Parsed(sender, SdesKeys.parse(suite, keyParams, words));
        } catch (SrtpKeyException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }
}
