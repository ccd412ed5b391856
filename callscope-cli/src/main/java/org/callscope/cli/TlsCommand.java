package org.callscope.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.callscope.engine.cdr.JsonWriter;
import org.callscope.engine.config.AnalyzerSettings;
import org.callscope.engine.pipeline.Analyzer;
import org.callscope.engine.tls.session.TlsConnection;
import org.callscope.engine.tls.session.TlsConnectionListener;
import org.callscope.engine.tls.session.TlsConnectionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code callscope tls}: every TLS connection, what it negotiated, and whether (or why not) it decrypted. */
@Command(name = "tls", mixinStandardHelpOptions = true,
        description = {"Lists every TLS connection as one JSON line: client, server, version, cipher suite,",
                "whether it decrypted and the reason when not, application bytes each way.",
                "With --dump also the decrypted application data, one JSON line per record."})
final class TlsCommand implements Callable<Integer> {
    @Mixin
    CaptureOptions capture;

    @Option(names = "--dump", description = "also print the decrypted application data")
    boolean dump;

    private final PrintStream out;
    private final PrintStream err;

    TlsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        AnalyzerSettings settings = capture.settingsOrReport(err);
        if (settings == null) {
            return CaptureOptions.EXIT_CONFIG;
        }
        int status = capture.run(settings, err, keys -> Analyzer.tlsOnly(settings, keys, new Printer()));
        out.flush();
        return status;
    }

    private final class Printer implements TlsConnectionListener {
        @Override
        public void onClosed(TlsConnection connection, TlsConnectionReport r) {
            StringBuilder sb = new StringBuilder(512);
            JsonWriter w = new JsonWriter(sb).beginObject()
                    .field("type", "connection")
                    .field("client", ipPort(r.clientIp(), r.clientPort()))
                    .field("server", ipPort(r.serverIp(), r.serverPort()))
                    .field("start", Instant.ofEpochSecond(0, r.firstNanos()))
                    .field("end", Instant.ofEpochSecond(0, r.lastNanos()))
                    .field("version", r.version())
                    .field("cipher", r.cipher())
                    .field("server_name", r.serverName())
                    .field("decrypted", r.decrypted())
                    .field("error", r.error())
                    .field("key_source", r.keySource())
                    .field("resumed", r.resumed())
                    .field("records", r.records())
                    .field("protected_records", r.protectedRecords())
                    .field("decrypted_records", r.decryptedRecords())
                    .field("failed_records", r.failedRecords())
                    .field("undecrypted_records", r.undecryptedRecords())
                    .field("client_bytes", r.clientApplicationBytes())
                    .field("server_bytes", r.serverApplicationBytes());
            w.beginArray("alerts");
            r.alerts().forEach(w::value);
            w.endArray().endObject();
            out.println(sb);
        }

        @Override
        public void onApplicationData(TlsConnection connection, boolean fromClient, String clientIp, int clientPort,
                                      String serverIp, int serverPort, byte[] buf, int off, int len, long tsNanos) {
            if (!dump) {
                return;
            }
            StringBuilder sb = new StringBuilder(len + 200);
            new JsonWriter(sb).beginObject()
                    .field("type", "data")
                    .field("client", ipPort(clientIp, clientPort))
                    .field("server", ipPort(serverIp, serverPort))
                    .field("time", Instant.ofEpochSecond(0, tsNanos))
                    .field("from", fromClient ? "client" : "server")
                    .field("length", len)
                    // ISO-8859-1 maps every byte to one character, so binary data survives the JSON escaping.
                    .field("data", new String(buf, off, len, StandardCharsets.ISO_8859_1))
                    .endObject();
            out.println(sb);
        }
    }

    private static String ipPort(String ip, int port) {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }
}
