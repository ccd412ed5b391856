package org.callscope.engine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.callscope.engine.dtlssrtp.DtlsSrtpSettings;
import org.callscope.engine.srtp.SrtpPolicy;
import org.callscope.engine.tls.keys.IpPort;
import org.callscope.engine.tls.session.TlsSettings;

/**
 * What the analyzer needs to know, with VoIPmonitor's defaults. Built from configuration files
 * ({@link #apply}) and then from command-line flags, which win because they are applied last.
 * Mutable while being built, read-only by convention once analysis starts.
 */
public final class AnalyzerSettings {
    /** VoIPmonitor's default SIP port list. */
    public static final int DEFAULT_SIP_PORT = 5060;
    /** VoIPmonitor's {@code rtptimeout} default: a call whose media and signalling stopped this long ago is closed. */
    public static final int DEFAULT_RTP_TIMEOUT_SECONDS = 300;
    /** VoIPmonitor's {@code sipwithoutrtptimeout} default: a call that never had RTP (ringing, held) lasts this long without packets. */
    public static final int DEFAULT_SIP_WITHOUT_RTP_TIMEOUT_SECONDS = 3_600;
    /** VoIPmonitor's {@code absolute_timeout} default: no call lasts longer than four hours. */
    public static final int DEFAULT_ABSOLUTE_TIMEOUT_SECONDS = 14_400;

    private final BitSet sipPorts = new BitSet(65_536);
    private boolean sipPortsFromConfig;
    private int rtpTimeoutSeconds = DEFAULT_RTP_TIMEOUT_SECONDS;
    private int absoluteTimeoutSeconds = DEFAULT_ABSOLUTE_TIMEOUT_SECONDS;
    private int sipWithoutRtpTimeoutSeconds = DEFAULT_SIP_WITHOUT_RTP_TIMEOUT_SECONDS;
    private boolean sipHeuristic = true;
    private Path pcapDir;
    private boolean saveSip = true;
    private boolean saveRtp = true;
    private final TlsConfig tls = new TlsConfig();
    private final DtlsConfig dtls = new DtlsConfig();
    private final List<SenderSrtpKey> srtpKeys = new ArrayList<>();
    private boolean srtpRtp = true;
    private boolean srtpRtcp = true;

    public AnalyzerSettings() {
        sipPorts.set(DEFAULT_SIP_PORT);
    }

    /**
     * Applies every known key of {@code file}. Unknown keys produce a warning with file and line;
     * invalid values throw with file, line, key and the reason.
     */
    public void apply(ConfigFile file, Consumer<String> warnings) throws ConfigException {
        file.warnings().forEach(warnings);
        for (ConfigEntry e : file.entries()) {
            applyEntry(e, warnings);
        }
    }

    private void applyEntry(ConfigEntry e, Consumer<String> warnings) throws ConfigException {
        switch (e.key()) {
            case "sipport" -> {
                if (!sipPortsFromConfig) {
                    // The first sipport line replaces the default; later lines add, as in the original.
                    sipPorts.clear();
                    sipPortsFromConfig = true;
                }
                addPorts(e.value(), e);
            }
            case "rtptimeout" -> rtpTimeoutSeconds = positiveInt(e);
            case "absolute_timeout" -> absoluteTimeoutSeconds = positiveInt(e);
            case "sipwithoutrtptimeout" -> sipWithoutRtpTimeoutSeconds = positiveInt(e);
            case "spooldir" -> pcapDir = Path.of(nonEmpty(e));
            case "savesip" -> saveSip = yesNo(e);
            case "savertp" -> saveRtp = yesNo(e);
            case "sip_heuristic" -> sipHeuristic = yesNo(e);
            case "srtp_rtp" -> srtpRtp = yesNo(e);
            case "srtp_rtcp" -> srtpRtcp = yesNo(e);
            default -> {
                if (tls.apply(e) || dtls.apply(e)) {
                    return;
                }
                if (VoipmonitorKeys.isKnown(e.key())) {
                    warnings.accept(e.where() + ": '" + e.key() + "' is not supported by this command yet; ignored");
                } else {
                    warnings.accept(e.where() + ": unknown key '" + e.key() + "'; ignored");
                }
            }
        }
    }

    /** Replaces the SIP ports with {@code ports} (the command line wins over files). */
    public void setSipPorts(Iterable<Integer> ports) throws ConfigException {
        sipPorts.clear();
        for (int p : ports) {
            if (p < 1 || p > 65_535) {
                throw new ConfigException("--sip-port " + p + ": not a port number (1-65535)");
            }
            sipPorts.set(p);
        }
    }

    /** TLS keys, ports and key sources. */
    /** An SRTP key for what {@code sender} sends, given by the operator for captures without (readable) SDP. */
    public record SenderSrtpKey(IpPort sender, SrtpPolicy policy) {
    }

    public void addSrtpKey(IpPort sender, SrtpPolicy policy) {
        srtpKeys.add(new SenderSrtpKey(sender, policy));
    }

    public List<SenderSrtpKey> srtpKeys() {
        return List.copyOf(srtpKeys);
    }

    /** {@code srtp_rtp}: decrypt SRTP when a key is known (default yes). */
    public boolean decryptsSrtp() {
        return srtpRtp;
    }

    /** {@code srtp_rtcp}: decrypt SRTCP when a key is known, to read its reports (default yes). */
    public boolean decryptsSrtcp() {
        return srtpRtcp;
    }

    public TlsConfig tls() {
        return tls;
    }

    public boolean isTlsPort(int port) {
        return tls.isTlsPort(port);
    }

    /** The port key datagrams go to, inside the capture; 0 when none is configured. */
    public int keyDatagramPort() {
        return tls.keyDatagramPort();
    }

    public TlsSettings tlsSettings() {
        return tls.sessionSettings();
    }

    /** DTLS-SRTP key tracking: {@code ssl_dtls_*}, {@code srtp_rtp_local_instances} and {@code ssl_sessionkey_keep}. */
    public DtlsSrtpSettings dtlsSrtpSettings() {
        return dtls.settings(tls.sessionSettings().keepKeys());
    }

    public boolean isSipPort(int port) {
        return sipPorts.get(port);
    }

    public int[] sipPorts() {
        return sipPorts.stream().toArray();
    }

    public int rtpTimeoutSeconds() {
        return rtpTimeoutSeconds;
    }

    public void setRtpTimeoutSeconds(int seconds) {
        rtpTimeoutSeconds = seconds;
    }

    public int sipWithoutRtpTimeoutSeconds() {
        return sipWithoutRtpTimeoutSeconds;
    }

    public void setSipWithoutRtpTimeoutSeconds(int seconds) {
        sipWithoutRtpTimeoutSeconds = seconds;
    }

    public int absoluteTimeoutSeconds() {
        return absoluteTimeoutSeconds;
    }

    public boolean sipHeuristic() {
        return sipHeuristic;
    }

    public void setSipHeuristic(boolean on) {
        sipHeuristic = on;
    }

    public Path pcapDir() {
        return pcapDir;
    }

    public void setPcapDir(Path dir) {
        pcapDir = dir;
    }

    public boolean saveSip() {
        return saveSip;
    }

    public boolean saveRtp() {
        return saveRtp;
    }

    /** Accepts "5060", "5060,5061", "5060 5061" and ranges "5060-5070". */
    private void addPorts(String value, ConfigEntry e) throws ConfigException {
        for (String part : value.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            int from;
            int to;
            try {
                from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            } catch (NumberFormatException ex) {
                throw invalid(e, "'" + part + "' is not a port or port range");
            }
            if (from < 1 || to > 65_535 || from > to) {
                throw invalid(e, "'" + part + "' is outside 1-65535");
            }
            sipPorts.set(from, to + 1);
        }
    }

    private static int positiveInt(ConfigEntry e) throws ConfigException {
        return Values.positiveInt(e);
    }

    private static boolean yesNo(ConfigEntry e) throws ConfigException {
        return Values.yesNo(e);
    }

    private static String nonEmpty(ConfigEntry e) throws ConfigException {
        return Values.nonEmpty(e);
    }

    private static ConfigException invalid(ConfigEntry e, String why) {
        return Values.invalid(e, why);
    }
}
