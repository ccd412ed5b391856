package org.callscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.callscope.engine.tls.keys.IpPort;
import org.callscope.engine.tls.keys.UdpKeyReceiver;
import org.callscope.engine.tls.keys.transport.KeyTransportEvents;
import org.callscope.engine.tls.keys.transport.KeyTransportPsk;
import org.callscope.engine.tls.keys.transport.TcpKeyReceiver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code callscope keys listen}: a standalone key receiver. Runs until SIGINT or SIGTERM, then
 * closes its sockets and its file.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Receives TLS session secrets until interrupted and prints each new one as an NSS key-log",
                "line on stdout, or appends it to --append FILE (created with mode 0600). A secret already",
                "printed or already in the file is not written again.",
                "--udp: key datagrams (one key-log line each, or VoIPmonitor's JSON forms), unauthenticated.",
                "--tcp: the secure transport (TLS 1.3 with a key from --secret-file), acknowledged.",
                "Exit status: 0 stopped, 1 bad secret or address in use, 2 bad usage."})
final class KeysListenCommand implements Callable<Integer> {
    static final int EXIT_USAGE = 2;

    @Option(names = "--udp", paramLabel = "IP:PORT", description = "receive key datagrams here (repeatable; port 0: any)")
    List<String> udp = new ArrayList<>();

    @Option(names = "--tcp", paramLabel = "IP:PORT", description = "receive over the secure transport here (repeatable)")
    List<String> tcp = new ArrayList<>();

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "the shared secret of the secure transport: the first line of FILE, at least 16 bytes")
    Path secretFile;

    @Option(names = "--append", paramLabel = "FILE", description = "append new key-log lines to FILE instead of stdout")
    Path append;

    private final PrintStream out;
    private final PrintStream err;

    KeysListenCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        if (udp.isEmpty() && tcp.isEmpty()) {
            err.println("callscope: keys listen: give --udp IP:PORT, --tcp IP:PORT or both");
            return EXIT_USAGE;
        }
        List<InetSocketAddress> udpBinds = addresses("--udp", udp);
        List<InetSocketAddress> tcpBinds = addresses("--tcp", tcp);
        if (udpBinds == null || tcpBinds == null) {
            return EXIT_USAGE;
        }
        KeyTransportPsk psk = null;
        if (!tcpBinds.isEmpty()) {
            if (secretFile == null) {
                err.println("callscope: keys listen --tcp needs --secret-file FILE (the shared secret)");
                return CaptureOptions.EXIT_CONFIG;
            }
            psk = SharedSecret.readOrReport(secretFile, err);
            if (psk == null) {
                return CaptureOptions.EXIT_CONFIG;
            }
        } else if (secretFile != null) {
            err.println("callscope: warning: --secret-file is for --tcp; key datagrams are not authenticated");
        }
        Consumer<String> warnings = w -> err.println("callscope: warning: " + w);
        NewKeyOutput output;
        try {
            output = append == null ? NewKeyOutput.toStdout(out, warnings) : NewKeyOutput.appendingTo(append, warnings);
        } catch (IOException e) {
            err.println("callscope: --append " + e.getMessage());
            return CaptureOptions.EXIT_CONFIG;
        }
        List<AutoCloseable> receivers = new ArrayList<>();
        try (StopSignal stop = new StopSignal(); output) {
            try {
                List<String> where = new ArrayList<>();
                for (InetSocketAddress bind : udpBinds) {
                    UdpKeyReceiver r = UdpKeyReceiver.start(bind, output, warnings);
                    receivers.add(r);
                    where.add("udp " + describe(r.localAddress()));
                }
                for (InetSocketAddress bind : tcpBinds) {
                    TcpKeyReceiver r = TcpKeyReceiver.start(bind, psk, output, KeyTransportEvents.toWarnings(warnings));
                    receivers.add(r);
                    where.add("tcp " + describe(r.localAddress()));
                }
                err.println("callscope: listening for keys on " + String.join(", ", where) + "; stop with Ctrl-C");
                while (!stop.await(60_000)) {
                    // everything happens on the receivers' threads
                }
            } catch (IOException e) {
                err.println("callscope: " + e.getMessage());
                return CaptureOptions.EXIT_CONFIG;
            } finally {
                closeAll(receivers); // before the output closes: no receiver writes after that
            }
            err.println("callscope: stopped; " + output.written() + " new keys written");
            return 0;
        }
    }

    /** {@code IP:PORT} texts as addresses, or null after saying which one is wrong. */
    private List<InetSocketAddress> addresses(String option, List<String> texts) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String text : texts) {
            try {
                IpPort p = IpPort.parse(text);
                out.add(new InetSocketAddress(InetAddress.ofLiteral(p.ip()), p.port()));
            } catch (IllegalArgumentException e) {
                err.println("callscope: " + option + " " + e.getMessage());
                return null;
            }
        }
        return out;
    }

    private static String describe(InetSocketAddress a) {
        String ip = a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    private static void closeAll(List<AutoCloseable> receivers) {
        for (AutoCloseable r : receivers) {
            try {
                r.close();
            } catch (Exception ignored) {
                // receivers close without throwing; nothing else to do
            }
        }
    }
}
