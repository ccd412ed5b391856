package org.callscope.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.config.ConfigException;
import org.callscope.engine.config.ConfigFileReader;
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
        if (rtpTimeoutSeconds != null) {
            if (rtpTimeoutSeconds <= 0) {
                throw new ConfigException("--rtp-timeout " + rtpTimeoutSeconds + ": must be a positive number of seconds");
            }
            s.setRtpTimeoutSeconds(rtpTimeoutSeconds);
        }
        return s;
    }
}
