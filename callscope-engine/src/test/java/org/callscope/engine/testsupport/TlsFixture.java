package org.callscope.engine.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One SIP-over-TLS capture of {@code fixtures/captures/tls} with its keys and what tshark decrypts
 * from it, read from {@code fixtures/expected/tls/<name>.json} (written by
 * {@code fixtures/make-tls-fixtures.sh}; the fields are described in {@code captures/tls/README.md}).
 *
 * @param name             the capture's file name without {@code .pcap}, e.g. {@code sip-tls13}
 * @param tsharkDecodeArgs the {@code -d} options tshark decrypted the capture with: the server port as TLS, and
 *                         its plaintext as SIP, or as HTTP for SIP over WebSocket (tshark then follows the upgrade)
 * @param sipTransport     {@code tls}, or {@code wss} when the SIP inside the TLS connections travels in
 *                         WebSocket frames (RFC 7118); truth files from before the field existed are all {@code tls}
 * @param connections      the TLS connections in TCP stream order, each with its decrypted SIP messages
 * @param json             the whole truth file, for the fields without an accessor
 */
public record TlsFixture(String name, Path capture, Keys keys, int serverPort, List<String> tsharkDecodeArgs,
                         String sipTransport, List<Connection> connections, List<Call> calls, int sipMessagesTotal,
                         JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the secrets that decrypt the capture come from. */
    public sealed interface Keys permits RsaPrivateKey, KeyLogFile, KeyLogDatagrams {
    }

    /** The server's RSA private key (PEM); enough because every connection uses RSA key exchange. */
    public record RsaPrivateKey(Path pem) implements Keys {
    }

    /** An NSS key log file (CLIENT_RANDOM, TLS 1.3 traffic secrets). */
    public record KeyLogFile(Path file) implements Keys {
    }

    /** Key log lines carried inside the capture, one per UDP datagram to {@code udpPort}, after the TLS traffic. */
    public record KeyLogDatagrams(int udpPort, List<String> lines) implements Keys {
    }

    /**
     * One TLS connection as tshark sees it.
     *
     * @param client          {@code ip:port} of the side that sent the ClientHello
     * @param version         {@code TLS 1.2} or {@code TLS 1.3} (supported_versions when present)
     * @param cipherSuite     the ServerHello's cipher suite number
     * @param cipherSuiteName its IANA name as tshark prints it (null when read from tshark's JSON)
     * @param resumed         TLS 1.2: the ServerHello echoes the client's session ID; TLS 1.3: it accepts a PSK
     * @param clientRandom    the ClientHello random, lower-case hex (the key log's lookup key)
     */
    public record Connection(String client, String server, String version, int cipherSuite, String cipherSuiteName,
                             boolean resumed, String clientRandom, List<SipMessage> sipMessages) {
    }

    /**
     * One decrypted SIP message.
     *
     * @param frame      number (from 1) of the frame that completes it
     * @param timeEpoch  that frame's {@code frame.time_epoch}, as tshark prints it
     * @param fromClient sent by the connection's client
     */
    public record SipMessage(long frame, String timeEpoch, boolean fromClient, String firstLine, String callId,
                             String cseq) {
    }

    /** A Call-ID with an INVITE; {@code finalResponse} is the last final response to it, null when none. */
    public record Call(String callId, Integer finalResponse) {
    }

    /** Every truth file in {@code fixtures/expected/tls}, by name. */
    public static List<TlsFixture> all() {
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("expected/tls"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(TlsFixture::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TlsFixture named(String name) {
        return load(Fixtures.root().resolve("expected/tls").resolve(name + ".json"));
    }

    static TlsFixture load(Path truthFile) {
        JsonNode j;
        try {
            j = JSON.readTree(truthFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(truthFile + ": " + e.getMessage(), e);
        }
        Path root = Fixtures.root();
        String captureName = j.get("capture").asText();
        String name = Path.of(captureName).getFileName().toString().replaceFirst("\\.pcap$", "");
        int serverPort = Integer.parseInt(j.get("server").asText().replaceFirst(".*:", ""));
        List<String> decodeArgs = new ArrayList<>();
        j.get("tshark_decode_args").forEach(a -> decodeArgs.add(a.asText()));
        String sipTransport = j.has("sip_transport") ? j.get("sip_transport").asText() : "tls";
        List<Connection> connections = new ArrayList<>();
        for (JsonNode c : j.get("connections")) {
            List<SipMessage> messages = new ArrayList<>();
            for (JsonNode m : c.get("sip_messages")) {
                messages.add(new SipMessage(m.get("frame").asLong(), m.get("time_epoch").asText(),
                        m.get("direction").asText().equals("client_to_server"), m.get("first_line").asText(),
                        m.get("call_id").asText(), m.get("cseq").asText()));
            }
            connections.add(new Connection(c.get("client").asText(), c.get("server").asText(), c.get("version").asText(),
                    Integer.decode(c.get("cipher_suite").get("hex").asText()), c.get("cipher_suite").get("name").asText(),
                    c.get("handshake").get("resumed").asBoolean(), c.get("handshake").get("client_random").asText(),
                    List.copyOf(messages)));
        }
        List<Call> calls = new ArrayList<>();
        for (JsonNode c : j.get("calls")) {
            calls.add(new Call(c.get("call_id").asText(), c.get("final_response").isNull() ? null : c.get("final_response").asInt()));
        }
        return new TlsFixture(name, root.resolve("captures").resolve(captureName), keys(j, root), serverPort,
                List.copyOf(decodeArgs), sipTransport, List.copyOf(connections), List.copyOf(calls),
                j.get("sip_messages_total").asInt(), j);
    }

    private static Keys keys(JsonNode j, Path root) {
        JsonNode d = j.get("decryption");
        if (d.has("rsa_key")) {
            return new RsaPrivateKey(root.resolve(d.get("rsa_key").asText()));
        }
        if (d.has("keylog")) {
            return new KeyLogFile(root.resolve(d.get("keylog").asText()));
        }
        List<String> lines = new ArrayList<>();
        j.get("key_datagrams").get("lines").forEach(l -> lines.add(l.asText()));
        return new KeyLogDatagrams(d.get("keylog_udp_port").asInt(), List.copyOf(lines));
    }

    /** The SIP messages of every connection, in frame order. */
    public List<SipMessage> allSipMessages() {
        return connections.stream().flatMap(c -> c.sipMessages().stream())
                .sorted((a, b) -> Long.compare(a.frame(), b.frame())).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
