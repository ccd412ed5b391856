package org.callscope.engine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.callscope.engine.tls.session.TlsSettings;

/**
 * The TLS part of the configuration, in the original's keys: {@code ssl}, {@code ssl_ipport}
 * (repeatable), {@code ssl_sessionkey_udp}, {@code ssl_sessionkey_udp_ip},
 * {@code ssl_sessionkey_udp_port}, {@code ssl_sessionkey_udp_maxwait_ms}, {@code ssl_sessionkey_keep};
 * plus key-log files from the command line. Holds paths only: the keys are read when analysis starts.
 */
public final class TlsConfig {
    /** The usual SIP-over-TLS port: a TLS record on it is taken as TLS even without a handshake. */
    public static final int DEFAULT_TLS_PORT = 5061;
    /** How long records may wait for a late key, in milliseconds of packet time. */
    public static final int DEFAULT_MAX_WAIT_MS = 2_000;

    /** One server RSA key: {@code ip : port /path/key.pem [password]}. Port 0 means every port of that address. */
    public record ServerKeyFile(String ip, int port, Path file, String password, String where) {
    }

    private boolean enabled = true;
    private final BitSet tlsPorts = new BitSet(65_536);
    private final List<ServerKeyFile> serverKeys = new ArrayList<>();
    private final List<Path> keyLogFiles = new ArrayList<>();
    private boolean udpReceiver;
    private String udpIp = "127.0.0.1";
    private int udpPort;
    private int maxWaitMs = DEFAULT_MAX_WAIT_MS;
    private boolean keepKeys = true;

    TlsConfig() {
        tlsPorts.set(DEFAULT_TLS_PORT);
    }

    /** True when {@code e} was one of the TLS keys. */
    boolean apply(ConfigEntry e) throws ConfigException {
        switch (e.key()) {
            case "ssl" -> enabled = Values.yesNo(e);
            case "ssl_ipport" -> addServerKey(e);
            case "ssl_sessionkey_udp" -> udpReceiver = Values.yesNo(e);
            case "ssl_sessionkey_udp_ip" -> udpIp = Values.nonEmpty(e);
            case "ssl_sessionkey_udp_port" -> udpPort = Values.port(e);
            case "ssl_sessionkey_udp_maxwait_ms" -> maxWaitMs = Values.nonNegativeInt(e);
            case "ssl_sessionkey_keep" -> keepKeys = Values.yesNo(e);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code 10.0.0.1 : 5061 /etc/key.pem}, {@code 10.0.0.1:5061 /etc/key.pem secret}, {@code [::1]:5061 key.pem}. */
    private void addServerKey(ConfigEntry e) throws ConfigException {
        String v = Values.nonEmpty(e).trim();
        String[] words = v.replaceAll("\\s*:\\s*(?=\\d+\\s)", ":").split("\\s+");
        if (words.length < 2 || words.length > 3) {
            throw Values.invalid(e, "expected 'IP : PORT KEYFILE [PASSWORD]'");
        }
        String ipPort = words[0];
        int colon = ipPort.lastIndexOf(':');
        if (colon <= 0) {
            throw Values.invalid(e, "'" + ipPort + "' is not IP:PORT");
        }
        String ip = ipPort.substring(0, colon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(ipPort.substring(colon + 1));
        } catch (NumberFormatException ex) {
            throw Values.invalid(e, "'" + ipPort.substring(colon + 1) + "' is not a port");
        }
        if (port < 0 || port > 65_535) {
            throw Values.invalid(e, "port " + port + " is outside 0-65535");
        }
        addServerKey(new ServerKeyFile(ip, port, Path.of(words[1]), words.length == 3 ? words[2] : null, e.where()));
    }

    public void addServerKey(ServerKeyFile key) {
        serverKeys.add(key);
        if (key.port() > 0) {
            tlsPorts.set(key.port());
        }
    }

    /** A port whose TCP records are taken as TLS even when the capture starts after the handshake. */
    public void addTlsPort(int port) {
        tlsPorts.set(port);
    }

    public void addKeyLogFile(Path file) {
        keyLogFiles.add(file);
    }

    public void setKeyDatagramPort(int port) {
        udpPort = port;
    }

    /** {@code ssl_sessionkey_udp_maxwait_ms}: how long records wait for a late key. */
    public void setMaxWaitMs(int ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("negative wait");
        }
        maxWaitMs = ms;
    }

    public void setUdpReceiver(boolean on) {
        udpReceiver = on;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean isTlsPort(int port) {
        return tlsPorts.get(port);
    }

    public List<ServerKeyFile> serverKeys() {
        return List.copyOf(serverKeys);
    }

    public List<Path> keyLogFiles() {
        return List.copyOf(keyLogFiles);
    }

    /** Listen for key datagrams while analysing ({@code ssl_sessionkey_udp = yes}). */
    public boolean udpReceiver() {
        return udpReceiver;
    }

    public String udpIp() {
        return udpIp;
    }

    /** The key port: where the keylogger sends, and where key datagrams in a capture go. 0 when none. */
    public int keyDatagramPort() {
        return udpPort;
    }

    public TlsSettings sessionSettings() {
        return new TlsSettings(maxWaitMs * 1_000_000L, TlsSettings.DEFAULTS.maxPendingBytes(), keepKeys);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ssl=%s keys=%d keylogs=%d udp=%s:%d", enabled, serverKeys.size(),
                keyLogFiles.size(), udpIp, udpPort);
    }
}
