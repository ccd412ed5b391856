package org.callscope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.config.ConfigException;
import org.callscope.engine.config.ConfigFileReader;
import java.io.PrintStream;
import java.util.function.Function;
import org.callscope.engine.pipeline.Analyzer;
import org.callscope.engine.tls.session.TlsKeySources;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options every command that reads captures shares: the files, the configuration, the SIP ports. */
final class CaptureOptions {
    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "pcap or pcapng files, optionally .gz or .zst compressed; several are read in time order")
    List<Path> files = new ArrayList<>();

    @Option(names = "--config-file", paramLabel = "FILE",
            description = "configuration in VoIPmonitor syntax (key = value); flags given here win")
    Path configFile;

    @Option(names = "--sip-port", paramLabel = "N",
            description = "port that carries SIP (repeatable; default 5060, or sipport from the configuration)")
    List<Integer> sipPorts = new ArrayList<>();

    @Option(names = "--no-sip-heuristic", description = "only treat the SIP ports as SIP (no detection on other UDP ports)")
    boolean noSipHeuristic;

    @Option(names = "--rtp-timeout", paramLabel = "SECONDS",
            description = "close a call after this much packet time without SIP or RTP (default 300)")
    Integer rtpTimeoutSeconds;

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "TLS key log (NSS format, as SSLKEYLOGFILE writes it); repeatable")
    List<Path> keyLogs = new ArrayList<>();

    @Option(names = "--ssl-key", paramLabel = "IP:PORT=KEY",
            description = "the RSA private key (PEM) of the TLS server at IP:PORT (port 0: any port); repeatable")
    List<String> sslKeys = new ArrayList<>();

    @Option(names = "--ssl-key-password-file", paramLabel = "FILE",
            description = "password of encrypted --ssl-key files (first line of FILE)")
    Path sslKeyPasswordFile;

    @Option(names = "--srtp-key", paramLabel = "IP:PORT=SUITE:inline:KEY",
            description = "SRTP key of the media sent from IP:PORT, as its a=crypto line gives it "
                    + "(e.g. 10.0.0.1:4000=AES_CM_128_HMAC_SHA1_80:inline:BASE64); repeatable")
    List<String> srtpKeys = new ArrayList<>();

    @Option(names = "--key-port", paramLabel = "N",
            description = "UDP port of key datagrams (keylogger lines) inside the capture; as ssl_sessionkey_udp_port")
    Integer keyPort;

    /** Exit status of a command whose configuration or keys are unusable. */
    static final int EXIT_CONFIG = 1;

    /** {@link #settings}, or null after telling {@code err} why the configuration is unusable. */
    AnalyzerSettings settingsOrReport(PrintStream err) {
        try {
            return settings(w -> err.println("callscope: warning: " + w));
        } catch (ConfigException e) {
            err.println("callscope: " + e.getMessage());
            return null;
        }
    }

    /**
     * Loads the TLS keys {@code settings} name (and runs the key receiver it asks for), builds
     * the analyzer with them and reads {@link #files} through it.
     *
     * @return the exit status: {@link #EXIT_CONFIG} when the keys cannot be loaded, else {@link CaptureRun}'s
     */
    int run(AnalyzerSettings settings, PrintStream err, Function<TlsKeySources, Analyzer> analyzer) throws IOException {
        try (TlsKeySetup keys = TlsKeySetup.open(settings, err)) {
            return new CaptureRun(err).run(files, analyzer.apply(keys.sources()));
        } catch (ConfigException e) {
            err.println("callscope: " + e.getMessage());
            return EXIT_CONFIG;
        }
    }

    /** Settings from the configuration file, then the flags. */
    AnalyzerSettings settings(Consumer<String> warnings) throws ConfigException {
        AnalyzerSettings s = new AnalyzerSettings();
        if (configFile != null) {
            s.apply(ConfigFileReader.read(configFile), warnings);
        }
        if (!sipPorts.isEmpty()) {
            s.setSipPorts(sipPorts);
        }
        if (noSipHeuristic) {
            s.setSipHeuristic(false);
        }
        applyTls(s);
        if (rtpTimeoutSeconds != null) {
            if (rtpTimeoutSeconds <= 0) {
                throw new ConfigException("--rtp-timeout " + rtpTimeoutSeconds + ": must be a positive number of seconds");
            }
            s.setRtpTimeoutSeconds(rtpTimeoutSeconds);
        }
        return s;
    }

    private void applyTls(AnalyzerSettings s) throws ConfigException {
        keyLogs.forEach(s.tls()::addKeyLogFile);
        String password = null;
        if (sslKeyPasswordFile != null) {
            try {
                List<String> lines = Files.readAllLines(sslKeyPasswordFile);
                password = lines.isEmpty() ? "" : lines.get(0);
            } catch (IOException e) {
                throw new ConfigException("--ssl-key-password-file " + sslKeyPasswordFile + ": cannot read it");
            }
        }
        for (String spec : srtpKeys) {
            SrtpKeyOption.Parsed k = SrtpKeyOption.parse(spec);
            s.addSrtpKey(k.sender(), k.policy());
        }
        for (String spec : sslKeys) {
            s.tls().addServerKey(ServerKeyOption.parse(spec, password));
        }
        if (keyPort != null) {
            if (keyPort < 1 || keyPort > 65_535) {
                throw new ConfigException("--key-port " + keyPort + ": not a port number (1-65535)");
            }
            s.tls().setKeyDatagramPort(keyPort);
        }
    }
}
