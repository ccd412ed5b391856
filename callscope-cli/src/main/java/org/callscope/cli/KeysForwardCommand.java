package org.callscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callscope.engine.tls.keys.IpPort;
import org.callscope.engine.tls.keys.KeyLogEntry;
import org.callscope.engine.tls.keys.KeyLogFormatException;
import org.callscope.engine.tls.keys.KeyLogLine;
import org.callscope.engine.tls.keys.WarningLimit;
import org.callscope.engine.tls.keys.transport.KeyLogFollower;
import org.callscope.engine.tls.keys.transport.KeyTransportEvents;
import org.callscope.engine.tls.keys.transport.KeyTransportPsk;
import org.callscope.engine.tls.keys.transport.TcpKeySender;
import org.callscope.engine.tls.keys.transport.UdpKeySender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code callscope keys forward}: ships the new lines of a key-log file that any
 * {@code SSLKEYLOGFILE} program writes to a receiver, through log rotation, until SIGINT or
 * SIGTERM. Lines are checked and sent in canonical form; comments and bad lines stay behind.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = {"Follows a key-log file (as SSLKEYLOGFILE writes it) and sends each new complete line",
                "to a receiver (callscope keys listen, or analyze with ssl_sessionkey_bind_port), until",
                "interrupted. Follows the file through rotation (renamed, re-created or truncated).",
                "Default transport: the secure TCP one, with --secret-file; --udp sends key datagrams",
                "(one line each, unauthenticated: for loopback or one host).",
                "Exit status: 0 stopped, 1 bad secret, 2 bad usage, 4 unreadable file."})
final class KeysForwardCommand implements Callable<Integer> {
    private static final long POLL_MILLIS = 200;
    private static final Duration FLUSH_ON_STOP = Duration.ofSeconds(3);
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})");

    @Option(names = "--file", required = true, paramLabel = "PATH", description = "the key-log file to follow")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "the receiver ([v6]:PORT for IPv6)")
    String to;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "the shared secret of the secure transport: the first line of FILE, at least 16 bytes")
    Path secretFile;

    @Option(names = "--udp", description = "send key datagrams over UDP instead (no secret, no acknowledgement)")
    boolean udp;

    @Option(names = "--from-start", description = "also send the lines the file holds already (default: only new ones)")
    boolean fromStart;

    private final PrintStream err;
    private final WarningLimit badLines = new WarningLimit(30, "lines of the key-log file");

    KeysForwardCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        InetSocketAddress target = address(to);
        if (target == null) {
            err.println("callscope: --to " + to + ": expected HOST:PORT, e.g. 10.0.0.5:5099 or [2001:db8::5]:5099");
            return KeysListenCommand.EXIT_USAGE;
        }
        if (udp && secretFile != null) {
            err.println("callscope: --udp sends key datagrams in the clear and takes no --secret-file");
            return KeysListenCommand.EXIT_USAGE;
        }
        if (!udp && secretFile == null) {
            err.println("callscope: keys forward needs --secret-file FILE (the shared secret of the secure transport), "
                    + "or --udp");
            return CaptureOptions.EXIT_CONFIG;
        }
        Consumer<String> warnings = w -> err.println("callscope: warning: " + w);
        if (udp) {
            try (UdpKeySender sender = UdpKeySender.open(target)) {
                return follow("udp " + to, line -> {
                    try {
                        sender.send(line);
                    } catch (IOException e) {
                        badLines.report(warnings, "sending a key datagram to " + to + " failed: " + e.getMessage());
                    }
                }, null);
            } catch (IOException e) {
                err.println("callscope: --to " + to + ": " + e.getMessage());
                return KeysListenCommand.EXIT_USAGE;
            }
        }
        KeyTransportPsk psk = SharedSecret.readOrReport(secretFile, err);
        if (psk == null) {
            return CaptureOptions.EXIT_CONFIG;
        }
        try (TcpKeySender sender = TcpKeySender.start(target, psk, TcpKeySender.DEFAULT_MAX_BUFFERED_LINES,
                KeyTransportEvents.toWarnings(warnings))) {
            return follow("tcp " + to, sender::send, sender);
        }
    }

    /** Polls the file until stopped; on the way out gives a TCP sender a moment to deliver. */
    private int follow(String where, Consumer<String> send, TcpKeySender tcp) throws InterruptedException {
        Consumer<String> warnings = w -> err.println("callscope: warning: " + w);
        try (StopSignal stop = new StopSignal();
             KeyLogFollower follower = new KeyLogFollower(file, fromStart, line -> forward(line, send, warnings),
                     warnings)) {
            try {
                follower.poll();
                err.println("callscope: forwarding " + (fromStart ? "the lines" : "new lines") + " of " + file + " to "
                        + where + "; stop with Ctrl-C");
                while (!stop.await(POLL_MILLIS)) {
                    follower.poll();
                }
                follower.poll();
            } catch (IOException e) {
                err.println("callscope: " + e.getMessage());
                return CaptureRun.EXIT_UNREADABLE;
            }
            if (tcp != null && !tcp.flush(FLUSH_ON_STOP)) {
                err.println("callscope: warning: stopped with " + tcp.buffered() + " lines not acknowledged by " + to);
            }
            return 0;
        }
    }

    private void forward(String line, Consumer<String> send, Consumer<String> warnings) {
        KeyLogEntry entry;
        try {
            entry = KeyLogLine.parse(line);
        } catch (KeyLogFormatException e) {
            badLines.report(warnings, file + ": a line that is no key-log line was not sent: " + e.getMessage());
            return;
        }
        if (entry != null) {
            send.accept(KeyLogLine.format(entry));
        }
    }

    /** An IP literal with its port ({@code [v6]:port} too), or a host name looked up at each connection. */
    private static InetSocketAddress address(String text) {
        try {
            IpPort p = IpPort.parse(text);
            if (p.port() == 0) {
                return null;
            }
            return new InetSocketAddress(InetAddress.ofLiteral(p.ip()), p.port());
        } catch (IllegalArgumentException notAnIp) {
            Matcher m = HOST_PORT.matcher(text.strip());
            if (!m.matches() || m.group(1).matches("[0-9.]+")) {
                return null; // no host name, and no IP address either
            }
            int port = Integer.parseInt(m.group(2));
            return port >= 1 && port <= 65_535 ? InetSocketAddress.createUnresolved(m.group(1), port) : null;
        }
    }
}
