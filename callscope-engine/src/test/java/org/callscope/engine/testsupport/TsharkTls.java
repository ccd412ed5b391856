package org.callscope.engine.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.callscope.engine.testsupport.TlsFixture.Connection;
import org.callscope.engine.testsupport.TlsFixture.SipMessage;
import org.callscope.engine.tls.TlsVersion;

/** What tshark, the reference decoder, decrypts from a SIP-over-TLS capture, in {@link TlsFixture}'s terms. */
public final class TsharkTls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXT_PRE_SHARED_KEY = "41";

    private TsharkTls() {
    }

    /** One key log line carried by a UDP datagram, and the frame (from 1) that carried it. */
    public record KeyDatagram(long frame, String line) {
    }

    public static List<String> rsaKeyArgs(Path pem) {
        return List.of("-o", "uat:rsa_keys:\"" + pem.toAbsolutePath() + "\",\"\"");
    }

    public static List<String> keyLogArgs(Path keyLog) {
        return List.of("-o", "tls.keylog_file:" + keyLog.toAbsolutePath());
    }

    /** {@link #connections(Path, int, List, List)} for SIP directly inside TLS on {@code serverPort}. */
    public static List<Connection> connections(Path capture, int serverPort, List<String> keyArgs)
            throws IOException, InterruptedException {
        return connections(capture, serverPort,
                List.of("-d", "tcp.port==" + serverPort + ",tls", "-d", "tls.port==" + serverPort + ",sip"), keyArgs);
    }

    /** The connections of a fixture as tshark decrypts them with {@code keyArgs} and the fixture's decode options. */
    public static List<Connection> connections(TlsFixture f, List<String> keyArgs) throws IOException, InterruptedException {
        return connections(f.capture(), f.serverPort(), f.tsharkDecodeArgs(), keyArgs);
    }

    /**
     * The TLS connections to {@code 127.0.0.1:serverPort}, in TCP stream order, with the SIP messages
     * tshark decrypts given {@code decodeArgs} (which dissectors read the port) and {@code keyArgs}.
     * The cipher suite name is left null: tshark's JSON has only the number.
     */
    public static List<Connection> connections(Path capture, int serverPort, List<String> decodeArgs, List<String> keyArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-n", "-r", capture.toString()));
        args.addAll(decodeArgs);
        args.addAll(keyArgs);
        args.addAll(List.of("-Y", "tcp", "-T", "json", "--no-duplicate-keys"));
        JsonNode frames = JSON.readTree(String.join("\n", Tshark.run(args)));
        String server = "127.0.0.1:" + serverPort;
        Map<Integer, Builder> streams = new TreeMap<>();
        for (JsonNode frame : frames) {
            JsonNode layers = frame.get("_source").get("layers");
            long number = Long.parseLong(first(layers.get("frame"), "frame.number"));
            String epoch = first(layers.get("frame"), "frame.time_epoch");
            JsonNode tcp = layers.get("tcp");
            String src = first(layers.get("ip"), "ip.src") + ":" + first(tcp, "tcp.srcport");
            String dst = first(layers.get("ip"), "ip.dst") + ":" + first(tcp, "tcp.dstport");
            Builder b = streams.computeIfAbsent(Integer.parseInt(first(tcp, "tcp.stream")),
                    k -> new Builder(src.equals(server) ? dst : src, server));
            boolean fromClient = src.equals(b.client);
            for (JsonNode handshake : all(layers.get("tls"), "tls.handshake")) {
                b.handshake(handshake);
            }
            for (JsonNode sip : elements(layers.get("sip"))) {
                String line = sip.has("sip.Request-Line") ? sip.get("sip.Request-Line").asText()
                        : sip.get("sip.Status-Line").asText();
                b.messages.add(new SipMessage(number, epoch, fromClient, line, first(sip, "sip.Call-ID"), first(sip, "sip.CSeq")));
            }
        }
        return streams.values().stream().map(Builder::build).toList();
    }

    /** The key log lines in UDP datagrams to {@code udpPort}, in capture order. */
    public static List<KeyDatagram> keyDatagrams(Path capture, int udpPort) throws IOException, InterruptedException {
        List<KeyDatagram> out = new ArrayList<>();
        for (String row : Tshark.run(List.of("-n", "-r", capture.toString(), "-Y", "udp.dstport == " + udpPort,
                "-T", "fields", "-e", "frame.number", "-e", "udp.payload"))) {
            String[] cells = row.split("\t");
            byte[] payload = HexFormat.of().parseHex(cells[1].replace(":", ""));
            out.add(new KeyDatagram(Long.parseLong(cells[0]), new String(payload, StandardCharsets.US_ASCII).strip()));
        }
        return out;
    }

    private static final class Builder {
        final String client;
        final String server;
        final List<SipMessage> messages = new ArrayList<>();
        String version;
        int suite = -1;
        boolean resumed;
        String clientRandom;
        String clientSessionId = "";

        Builder(String client, String server) {
            this.client = client;
            this.server = server;
        }

        void handshake(JsonNode h) {
            String type = first(h, "tls.handshake.type");
            if ("1".equals(type)) {
                clientRandom = hex(first(h, "tls.handshake.random"));
                clientSessionId = hex(first(h, "tls.handshake.session_id"));
            } else if ("2".equals(type)) {
                String supported = first(h, "tls.handshake.extensions.supported_version");
                int code = Integer.decode(supported != null ? supported : first(h, "tls.handshake.version"));
                version = TlsVersion.fromCode(code).displayName();
                suite = Integer.decode(first(h, "tls.handshake.ciphersuite"));
                String sessionId = hex(first(h, "tls.handshake.session_id"));
                resumed = code == 0x0304
                        ? all(h, "tls.handshake.extension.type").stream().anyMatch(t -> t.asText().equals(EXT_PRE_SHARED_KEY))
                        : !sessionId.isEmpty() && sessionId.equals(clientSessionId);
            }
        }

        Connection build() {
            return new Connection(client, server, version, suite, null, resumed, clientRandom, List.copyOf(messages));
        }
    }

    private static String hex(String colonHex) {
        return colonHex == null ? "" : colonHex.replace(":", "");
    }

    /** A layer tshark wrote once as an object, several times as an array, or not at all. */
    private static List<JsonNode> elements(JsonNode layer) {
        List<JsonNode> out = new ArrayList<>();
        if (layer != null && layer.isArray()) {
            layer.forEach(out::add);
        } else if (layer != null) {
            out.add(layer);
        }
        return out;
    }

    /** The first value of {@code key} anywhere below {@code node}, as text; null when absent. */
    private static String first(JsonNode node, String key) {
        List<JsonNode> found = all(node, key);
        return found.isEmpty() ? null : found.getFirst().asText();
    }

    /** Every value of {@code key} below {@code node} in document order; arrays of values are flattened. */
    private static List<JsonNode> all(JsonNode node, String key) {
        List<JsonNode> out = new ArrayList<>();
        collect(node, key, out);
        return out;
    }

    private static void collect(JsonNode node, String key, List<JsonNode> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, key, out));
        } else if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals(key)) {
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(out::add);
                    } else {
                        out.add(e.getValue());
                    }
                } else {
                    collect(e.getValue(), key, out);
                }
            });
        }
    }
}
