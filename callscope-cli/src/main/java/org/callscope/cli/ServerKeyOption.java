package org.callscope.cli;

import java.nio.file.Path;
import org.callscope.engine.config.ConfigException;
import org.callscope.engine.config.TlsConfig;

/** {@code --ssl-key IP:PORT=KEY}: {@code 10.0.0.1:5061=/etc/key.pem}, {@code [::1]:5061=key.pem}, {@code 10.0.0.1:0=key.pem}. */
final class ServerKeyOption {
    private ServerKeyOption() {
    }

    static TlsConfig.ServerKeyFile parse(String spec, String password) throws ConfigException {
        String where = "--ssl-key " + spec;
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new ConfigException(where + ": expected IP:PORT=KEYFILE");
        }
        String ipPort = spec.substring(0, eq);
        int colon = ipPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new ConfigException(where + ": '" + ipPort + "' is not IP:PORT");
        }
        String ip = ipPort.substring(0, colon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(ipPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": '" + ipPort.substring(colon + 1) + "' is not a port");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException(where + ": port " + port + " is outside 0-65535");
        }
        return new TlsConfig.ServerKeyFile(ip, port, Path.of(spec.substring(eq + 1)), password, where);
    }
}
