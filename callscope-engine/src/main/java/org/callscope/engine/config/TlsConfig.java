package org.callscope.engine.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.callscope.engine.tls.keys.IpPort;
import org.callscope.engine.tls.keys.transport.KeyTransportPsk;
import org.callscope.engine.tls.session.TlsSettings;

/**
 * The TLS part of the configuration, in the original's keys: {@code ssl}, {@code ssl_ipport}
 * (repeatable), {@code ssl_sessionkey_udp}, {@code ssl_sessionkey_udp_ip},
 * {@code ssl_sessionkey_udp_port}, {@code ssl_sessionkey_udp_maxwait_ms}, {@code ssl_sessionkey_keep},
 * {@code ssl_sessionkey_bind}, {@code ssl_sessionkey_bind_port}; CallScope's
 * {@code ssl_sessionkey_secret} and {@code ssl_sessionkey_secret_file} (the shared secret of the
 * secure key transport, docs/KEY-TRANSPORT.md); plus key-log files from the command line. Holds
 * paths only: the keys are read when analysis starts. A secret is never part of a message.
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
    private String bindIp = "127.0.0.1";
    private int bindPort;
    private String bindPortWhere;
    private String secret;
    private Path secretFile;
    private String secretWhere;

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
            case "ssl_sessionkey_bind" -> bindIp = ipLiteral(e);
            case "ssl_sessionkey_bind_port" -> {
                bindPort = Values.port(e);
                bindPortWhere = e.where();
            }
            case "ssl_sessionkey_secret" -> setSecret(e);
            case "ssl_sessionkey_secret_file" -> setSecretFile(e);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String ipLiteral(ConfigEntry e) throws ConfigException {
        String v = Values.nonEmpty(e).trim();
        try {
            return IpPort.canonicalIp(v);
        } catch (IllegalArgumentException ex) {
            throw Values.invalid(e, "'" + v + "' is not an IP address");
        }
    }

    /** The secret itself is checked for length here and never quoted back. */
    private void setSecret(ConfigEntry e) throws ConfigException {
        if (secretFile != null) {
            throw Values.invalid(e, "ssl_sessionkey_secret_file is set already (" + secretWhere + "); give one of the two");
        }
        int bytes = e.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes < KeyTransportPsk.MIN_SECRET_BYTES) {
            throw Values.invalid(e, "the secret has " + bytes + (bytes == 1 ? " byte" : " bytes") + ", at least "
                    + KeyTransportPsk.MIN_SECRET_BYTES + " are required");
        }
        secret = e.value();
        secretWhere = e.where();
    }

    private void setSecretFile(ConfigEntry e) throws ConfigException {
        if (secret != null) {
            throw Values.invalid(e, "ssl_sessionkey_secret is set already (" + secretWhere + "); give one of the two");
        }
        secretFile = Path.of(Values.nonEmpty(e));
        secretWhere = e.where();
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

    /** {@code ssl_sessionkey_bind}: the address the secure key receiver binds (default 127.0.0.1). */
    public String keyTransportIp() {
        return bindIp;
    }

    /** {@code ssl_sessionkey_bind_port}: the secure key receiver's port; 0 when it is not to run. */
    public int keyTransportPort() {
        return bindPort;
    }

    /**
     * The key of the secure key transport, from {@code ssl_sessionkey_secret} or the first line of
     * {@code ssl_sessionkey_secret_file}; null when neither is set.
     *
     * @throws ConfigException naming the file and line of the setting when the file cannot be read
     *                         or its secret is too short
     */
    public KeyTransportPsk keyTransportPsk() throws ConfigException {
        if (secret != null) {
            return KeyTransportPsk.fromSecret(secret, "ssl_sessionkey_secret at " + secretWhere);
        }
        if (secretFile == null) {
            return null;
        }
        try {
            return KeyTransportPsk.fromFile(secretFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(secretWhere + ": ssl_sessionkey_secret_file: " + e.getMessage());
        }
    }

    /**
     * {@link #keyTransportPsk()} when the receiver is to run.
     *
     * @throws ConfigException when {@code ssl_sessionkey_bind_port} is set without a secret
     */
    public KeyTransportPsk requireKeyTransportPsk() throws ConfigException {
        KeyTransportPsk psk = keyTransportPsk();
        if (psk == null) {
            throw new ConfigException((bindPortWhere == null ? "" : bindPortWhere + ": ")
                    + "ssl_sessionkey_bind_port needs the shared secret: ssl_sessionkey_secret or ssl_sessionkey_secret_file");
        }
        return psk;
    }

    /** Runs the secure key receiver on {@code port} (0: not at all), as {@code ssl_sessionkey_bind_port}. */
    public void setKeyTransportPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
        }
        bindPort = port;
        bindPortWhere = null;
    }

    public TlsSettings sessionSettings() {
        return new TlsSettings(maxWaitMs * 1_000_000L, TlsSettings.DEFAULTS.maxPendingBytes(), keepKeys);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ssl=%s keys=%d keylogs=%d udp=%s:%d tcp=%s:%d", enabled, serverKeys.size(),
                keyLogFiles.size(), udpIp, udpPort, bindIp, bindPort);
    }
}
