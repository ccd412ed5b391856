package org.callscope.engine.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.callscope.engine.testsupport.Tshark;

/**
 * tshark's PDML output ({@code -T pdml}) as a tree of fields per packet: what the reference
 * decoder found, record by record, in the order it found it.
 */
public final class TsharkPdml {
    private TsharkPdml() {
    }

    /** A {@code <proto>} or {@code <field>} element: name, shown value, raw hex value, children. */
    public record Field(String name, String show, String value, List<Field> children) {
        /** This field and every field below it, depth first, in document order. */
        public Stream<Field> flatten() {
            return Stream.concat(Stream.of(this), children.stream().flatMap(Field::flatten));
        }

        /** Every field of that name below this one (not itself), in document order. */
        public List<Field> all(String fieldName) {
            return children.stream().flatMap(Field::flatten).filter(f -> f.name.equals(fieldName)).toList();
        }

        public Optional<String> first(String fieldName) {
            return children.stream().flatMap(Field::flatten).filter(f -> f.name.equals(fieldName)).map(Field::show).findFirst();
        }

        public int intValue() {
            return show.startsWith("0x") ? Integer.parseInt(show.substring(2), 16) : Integer.parseInt(show);
        }
    }

    /** One packet: its frame number, addresses and ports, and its protocol tree. */
    public record Packet(long frame, Field root) {
        public Optional<String> first(String fieldName) {
            return root.first(fieldName);
        }

        /** "src:port>dst:port" over IPv4 or IPv6 and TCP or UDP, as {@link CapturedTls.Direction#key()} names it. */
        public String direction() {
            String src = address(first("ip.src").or(() -> first("ipv6.src")).orElseThrow());
            String dst = address(first("ip.dst").or(() -> first("ipv6.dst")).orElseThrow());
            String proto = first("tcp.srcport").isPresent() ? "tcp" : "udp";
            return src + ":" + first(proto + ".srcport").orElseThrow() + ">" + dst + ":" + first(proto + ".dstport").orElseThrow();
        }
    }

    /** An address literal in the form {@link java.net.InetAddress#getHostAddress()} gives. */
    private static String address(String literal) {
        try {
            return java.net.InetAddress.ofLiteral(literal).getHostAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tshark address " + literal, e);
        }
    }

    /** {@code tshark -n -r capture -T pdml -Y filter extraArgs...}; skips the test when tshark is absent. */
    public static List<Packet> read(Path capture, String displayFilter, String... extraArgs) throws IOException, InterruptedException {
        Tshark.assumeInstalled();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/tshark", "-n", "-r", capture.toString(), "-T", "pdml", "-Y", displayFilter));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Packet> packets;
        try (InputStream in = p.getInputStream()) {
            packets = parse(in);
        } catch (XMLStreamException e) {
            throw new IOException("tshark PDML unreadable for " + capture, e);
        } finally {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (p.exitValue() != 0) {
            throw new IOException("tshark failed with " + p.exitValue() + ": " + cmd);
        }
        return packets;
    }

    private static List<Packet> parse(InputStream in) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader x = factory.createXMLStreamReader(in);
        List<Packet> packets = new ArrayList<>();
        Deque<Field> open = new ArrayDeque<>();
        while (x.hasNext()) {
            int event = x.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String element = x.getLocalName();
                if (element.equals("packet")) {
                    open.push(new Field("packet", "", "", new ArrayList<>()));
                } else if ((element.equals("proto") || element.equals("field")) && !open.isEmpty()) {
                    Field f = new Field(attr(x, "name"), attr(x, "show"), attr(x, "value"), new ArrayList<>());
                    open.peek().children().add(f);
                    open.push(f);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String element = x.getLocalName();
                if (element.equals("packet")) {
                    Field root = open.pop();
                    long number = Long.parseLong(root.first("num").orElseThrow());
                    packets.add(new Packet(number, root));
                } else if ((element.equals("proto") || element.equals("field")) && open.size() > 1) {
                    open.pop();
                }
            }
        }
        return packets;
    }

    private static String attr(XMLStreamReader x, String name) {
        String v = x.getAttributeValue(null, name);
        return v == null ? "" : v;
    }
}
