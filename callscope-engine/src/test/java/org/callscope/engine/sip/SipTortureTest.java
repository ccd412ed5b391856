package org.callscope.engine.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4475 and RFC 5118 torture messages. The expected outcome of each file is the RFC section
 * it comes from, as tabulated in the testdata READMEs: §3.1.1 and RFC 5118 "parse" files parse
 * with no problems; §3.1.2 files and RFC 5118 §4.2 are rejected or flagged with the listed
 * problem; §3.2 to §3.4 files parse (problems allowed where the RFC calls them semantically
 * wrong).
 */
class SipTortureTest {
    private static final String RFC4475 = "rfc4475-sip-torture";
    private static final String RFC5118 = "rfc5118-sip-ipv6-torture";

    enum Outcome { VALID, INVALID, PARSES }

    record Expect(Outcome outcome, SipProblem problem) {
        static Expect valid() {
            return new Expect(Outcome.VALID, null);
        }

        static Expect invalid(SipProblem p) {
            return new Expect(Outcome.INVALID, p);
        }

        static Expect parses() {
            return new Expect(Outcome.PARSES, null);
        }

        static Expect parses(SipProblem p) {
            return new Expect(Outcome.PARSES, p);
        }
    }

    private static final Map<String, Expect> RFC4475_TABLE = Map.ofEntries(
            // §3.1.1 valid
            Map.entry("wsinv", Expect.valid()), Map.entry("intmeth", Expect.valid()),
            Map.entry("esc01", Expect.valid()), Map.entry("escnull", Expect.valid()),
            Map.entry("esc02", Expect.valid()), Map.entry("lwsdisp", Expect.valid()),
            Map.entry("longreq", Expect.valid()), Map.entry("dblreq", Expect.valid()),
            Map.entry("semiuri", Expect.valid()), Map.entry("transports", Expect.valid()),
            Map.entry("mpart01", Expect.valid()), Map.entry("unreason", Expect.valid()),
            Map.entry("noreason", Expect.valid()),
            // §3.1.2 invalid
            Map.entry("badinv01", Expect.invalid(SipProblem.EXTRANEOUS_SEPARATORS)),
            Map.entry("clerr", Expect.invalid(SipProblem.CONTENT_LENGTH_EXCEEDS_DATA)),
            Map.entry("ncl", Expect.invalid(SipProblem.BAD_CONTENT_LENGTH)),
            Map.entry("scalar02", Expect.invalid(SipProblem.SCALAR_OVERFLOW)),
            Map.entry("scalarlg", Expect.invalid(SipProblem.SCALAR_OVERFLOW)),
            Map.entry("quotbal", Expect.invalid(SipProblem.UNTERMINATED_QUOTE)),
            Map.entry("ltgtruri", Expect.invalid(SipProblem.REQUEST_URI_IN_ANGLE_BRACKETS)),
            Map.entry("lwsruri", Expect.invalid(SipProblem.REQUEST_URI_WHITESPACE)),
            Map.entry("lwsstart", Expect.invalid(SipProblem.REQUEST_LINE_EXTRA_SPACE)),
            Map.entry("trws", Expect.invalid(SipProblem.REQUEST_LINE_TRAILING_SPACE)),
            Map.entry("escruri", Expect.invalid(SipProblem.REQUEST_URI_HAS_HEADERS)),
            Map.entry("baddate", Expect.invalid(SipProblem.DATE_NOT_GMT)),
            Map.entry("regbadct", Expect.invalid(SipProblem.NAME_ADDR_NEEDS_BRACKETS)),
            Map.entry("badaspec", Expect.invalid(SipProblem.ADDR_SPEC_WHITESPACE)),
            Map.entry("baddn", Expect.invalid(SipProblem.DISPLAY_NAME_NOT_TOKEN)),
            Map.entry("badvers", Expect.invalid(SipProblem.UNKNOWN_SIP_VERSION)),
            Map.entry("mismatch01", Expect.invalid(SipProblem.CSEQ_METHOD_MISMATCH)),
            Map.entry("mismatch02", Expect.invalid(SipProblem.CSEQ_METHOD_MISMATCH)),
            Map.entry("bigcode", Expect.invalid(SipProblem.BAD_STATUS_CODE)),
            // §3.2 transaction layer: the branch lacks the cookie, which is no parse error
            Map.entry("badbranch", Expect.valid()),
            // §3.3 application layer
            Map.entry("insuf", Expect.parses(SipProblem.MISSING_REQUIRED_HEADER)),
            Map.entry("unkscm", Expect.valid()), Map.entry("novelsc", Expect.valid()),
            Map.entry("unksm2", Expect.valid()), Map.entry("bext01", Expect.valid()),
            Map.entry("invut", Expect.valid()), Map.entry("regaut01", Expect.valid()),
            Map.entry("multi01", Expect.parses(SipProblem.DUPLICATE_SINGLE_HEADER)),
            Map.entry("mcl01", Expect.parses(SipProblem.DUPLICATE_SINGLE_HEADER)),
            Map.entry("bcast", Expect.valid()), Map.entry("zeromf", Expect.valid()),
            Map.entry("cparam01", Expect.valid()), Map.entry("cparam02", Expect.valid()),
            Map.entry("regescrt", Expect.valid()), Map.entry("sdp01", Expect.valid()),
            // §3.4 backward compatibility
            Map.entry("inv2543", Expect.valid()));

    private static final Map<String, Expect> RFC5118_TABLE = Map.ofEntries(
            Map.entry("ipv6-good", Expect.valid()),
            Map.entry("ipv6-bad", Expect.invalid(SipProblem.UNBRACKETED_IPV6)),
            Map.entry("port-ambiguous", Expect.valid()), Map.entry("port-unambiguous", Expect.valid()),
            Map.entry("via-received-param-with-delim", Expect.valid()),
            Map.entry("via-received-param-no-delim", Expect.valid()),
            // The archived Content-Length (268) exceeds the body in either line-end form
            // (242 bytes with LF, 251 with CRLF), so this one is flagged as well as parsed.
            Map.entry("ipv6-in-sdp", Expect.parses(SipProblem.CONTENT_LENGTH_EXCEEDS_DATA)),
            Map.entry("mult-ip-in-header", Expect.valid()), Map.entry("mult-ip-in-sdp", Expect.parses()),
            Map.entry("ipv4-mapped-ipv6", Expect.valid()),
            Map.entry("ipv6-bug-abnf-3-colons", Expect.valid()),
            Map.entry("ipv6-correct-abnf-2-colons", Expect.valid()));

    static Stream<Arguments> files() throws IOException {
        Path root = SharedTestData.thirdParty();
        Stream.Builder<Arguments> out = Stream.builder();
        try (Stream<Path> s = Files.list(root.resolve(RFC4475))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".dat")).sorted().toList()) {
                out.add(Arguments.of(RFC4475, p.getFileName().toString(), false));
            }
        }
        try (Stream<Path> s = Files.list(root.resolve(RFC5118))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".sip")).sorted().toList()) {
                out.add(Arguments.of(RFC5118, p.getFileName().toString(), false));
                out.add(Arguments.of(RFC5118, p.getFileName().toString(), true));
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "{1} crlf={2}")
    @MethodSource("files")
    void everyTortureFileMeetsItsSectionsExpectation(String dir, String file, boolean toCrlf) {
        byte[] bytes = read(dir + "/" + file);
        if (toCrlf) {
            bytes = toCrlf(bytes);
        }
        String name = file.substring(0, file.lastIndexOf('.'));
        if (name.equals("test")) {
            // In the RFC archive but referenced by no section: its first line has no SIP-Version.
            assertThat(SipParser.parse(bytes, 0, bytes.length)).isNull();
            return;
        }
        Expect expect = (dir.equals(RFC4475) ? RFC4475_TABLE : RFC5118_TABLE).get(name);
        assertThat(expect).as("expectation for %s", name).isNotNull();
        byte[] input = bytes;
        assertThatCode(() -> SipParser.parse(input, 0, input.length)).doesNotThrowAnyException();
        SipMessage m = SipParser.parse(bytes, 0, bytes.length);
        switch (expect.outcome()) {
            case VALID -> {
                assertThat(m).isNotNull();
                assertThat(m.problems()).as(name).isEmpty();
                assertThat(m.callId()).isNotBlank();
            }
            case INVALID -> {
                if (m != null) {
                    assertThat(m.problems()).as(name).containsExactly(expect.problem());
                    assertThat(m.isValid()).isFalse();
                }
            }
            case PARSES -> {
                assertThat(m).isNotNull();
                assertThat(m.cseqNumber()).isPositive();
                if (expect.problem() != null) {
                    assertThat(m.problems()).as(name).contains(expect.problem());
                }
            }
        }
        if (m != null) {
            assertThat(m.messageLength()).isBetween(1, bytes.length);
            assertThatCode(() -> {
                m.from();
                m.to();
                m.viaBranch();
                m.headerNames();
                m.cseqNumber();
                m.body();
            }).doesNotThrowAnyException();
        }
    }

    @Test
    void coversEveryFileInTheTables() throws IOException {
        long rfc4475 = files().filter(a -> a.get()[0].equals(RFC4475)).count();
        assertThat(rfc4475).isEqualTo(RFC4475_TABLE.size() + 1);
        assertThat(files().filter(a -> a.get()[0].equals(RFC5118)).count()).isEqualTo(2L * RFC5118_TABLE.size());
    }

    @Test
    void wsinvYieldsItsFieldsDespiteTheWhitespace() {
        SipMessage m = parse4475("wsinv");
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.requestUri()).isEqualTo("sip:vivekg@chair-dnrc.example.com;unknownparam");
        assertThat(m.callId()).isEqualTo("wsinv.ndaksdj@192.0.2.1");
        // "cseq: 0009\r\n  INVITE": folded, leading zeros
        assertThat(m.cseqNumber()).isEqualTo(9);
        assertThat(m.cseqMethod()).isEqualTo("INVITE");
        assertThat(m.header("max-forwards")).isEqualTo("0068");
        assertThat(m.to().tag()).isEqualTo("1918181833n");
        assertThat(m.to().uri().host()).isEqualTo("chair-dnrc.example.com");
        assertThat(m.from().tag()).isEqualTo("98asjd8");
        assertThat(m.from().displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(m.header("NewFangledHeader")).isEqualTo("newfangled value continued newfangled value");
        assertThat(m.header("Subject")).isEmpty();
        assertThat(m.headers("Via")).hasSize(2);
        assertThat(m.viaBranch()).isEqualTo("390skdjuw");
        assertThat(m.header("Contact")).startsWith("\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com>");
        assertThat(m.contentLength()).isEqualTo(150);
        assertThat(m.bodyLength()).isEqualTo(150);
        assertThat(new String(m.body(), StandardCharsets.US_ASCII)).startsWith("v=0\r\n").endsWith("a=rtpmap:31 LPC\r\n");
    }

    @Test
    void intmethKeepsTheUnusualMethodAndUri() {
        SipMessage m = parse4475("intmeth");
        assertThat(m.method()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
        assertThat(m.sipMethod()).isEqualTo(SipMethod.OTHER);
        assertThat(m.cseqNumber()).isEqualTo(139122385);
        assertThat(m.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        SipUri uri = SipUri.parse(m.requestUri());
        assertThat(uri.user()).isEqualTo("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(uri.host()).isEqualTo("example.com");
        assertThat(m.from().tag()).isEqualTo("_token~1'+`*%!-.");
        assertThat(m.from().displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
        assertThat(m.to().displayName()).startsWith("BEL:\u0007 NUL:\u0000 DEL:\u007f");
    }

    @Test
    void escapedMessagesKeepEscapesAndCompactHeaders() {
        SipMessage m = parse4475("esc01");
        assertThat(m.callId()).isEqualTo("esc01.239409asdfakjkn23onasd0-3234");
        assertThat(m.contentType()).isEqualTo("application/sdp");
        assertThat(m.header("Contact")).isEqualTo("<sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>");
        assertThat(m.to().uri().user()).isEqualTo("%75se%72");
        assertThat(SipUri.parse(m.requestUri()).user()).isEqualTo("sips%3Auser%40example.com");
        assertThat(parse4475("escnull").headers("Contact")).hasSize(2);
        SipMessage esc02 = parse4475("esc02");
        assertThat(esc02.method()).isEqualTo("RE%47IST%45R");
        assertThat(esc02.headers("Contact")).hasSize(2);
        assertThat(esc02.header("C%6Fntact")).isEqualTo("<sip:alias2@host2.example.com>");
    }

    @Test
    void dblreqEndsAtContentLengthAndIgnoresTheRest() {
        byte[] bytes = read(RFC4475 + "/dblreq.dat");
        SipMessage m = SipParser.parse(bytes, 0, bytes.length);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(m.messageLength()).isEqualTo(text.indexOf("\r\n\r\n") + 4);
        assertThat(m.method()).isEqualTo("REGISTER");
        assertThat(m.callId()).isEqualTo("dblreq.0ha0isndaksdj99sdfafnl3lk233412");
        assertThat(m.bodyLength()).isZero();
        assertThat(m.contentLength()).isZero();
    }

    @Test
    void mpart01BodyIsTheContentLength() {
        SipMessage m = parse4475("mpart01");
        assertThat(m.bodyLength()).isEqualTo(553);
        assertThat(m.contentType()).isEqualTo("multipart/mixed;boundary=7a9cbec02ceef655");
        assertThat(m.userAgent()).isEqualTo("SIPimp.org/0.2.5 (curses)");
        assertThat(new String(m.body(), StandardCharsets.ISO_8859_1)).startsWith("--7a9cbec02ceef655\r\n")
                .endsWith("--7a9cbec02ceef655--\r\n");
    }

    @Test
    void responsesWithUnusualAndEmptyReasons() {
        SipMessage unreason = parse4475("unreason");
        assertThat(unreason.isRequest()).isFalse();
        assertThat(unreason.statusCode()).isEqualTo(200);
        assertThat(unreason.reasonPhrase()).startsWith("= 2**3 * 5**2 но сто девяносто девять");
        assertThat(unreason.method()).isEqualTo("INVITE");
        assertThat(unreason.to().tag()).isEqualTo("2229");
        SipMessage noreason = parse4475("noreason");
        assertThat(noreason.statusCode()).isEqualTo(100);
        assertThat(noreason.reasonPhrase()).isEmpty();
        assertThat(noreason.from().tag()).isEqualTo("39ansfi3");
        assertThat(noreason.to().tag()).isEqualTo("902jndnke3");
        assertThat(noreason.cseqNumber()).isEqualTo(35);
    }

    @Test
    void transportsAndLongValues() {
        SipMessage t = parse4475("transports");
        assertThat(t.headers("Via")).hasSize(5).element(3).asString().startsWith("SIP/2.0/UNKNOWN t4.example.com");
        assertThat(t.callId()).isEqualTo("transports.kijh4akdnaqjkwendsasfdj");
        SipMessage l = parse4475("longreq");
        assertThat(l.headers("Via")).hasSize(34);
        assertThat(l.callId()).startsWith("longreq.onereallyreally").endsWith("longcallid");
        assertThat(l.from().uri().user()).startsWith("amazinglylongcallername").hasSize(115);
        assertThat(l.to().displayName()).startsWith("I have a user name of extremeextreme");
        assertThat(l.to().uri().port()).isEqualTo(6000);
        assertThat(l.to().uri().parameters()).containsKey("unknownparam1");
        assertThat(l.bodyLength()).isEqualTo(150);
    }

    @Test
    void semiuriUserHoldsTheSemicolon() {
        SipMessage m = parse4475("semiuri");
        SipUri uri = SipUri.parse(m.requestUri());
        assertThat(uri.user()).isEqualTo("user;par=u%40example.net");
        assertThat(uri.host()).isEqualTo("example.com");
        assertThat(m.header("Accept")).isEqualTo(
                "application/sdp, application/pkcs7-mime, multipart/mixed, multipart/signed, message/sip, message/sipfrag");
    }

    @Test
    void inv2543WithoutContentLengthTakesTheRestOfTheDatagram() {
        byte[] bytes = read(RFC4475 + "/inv2543.dat");
        SipMessage m = SipParser.parse(bytes, 0, bytes.length);
        assertThat(m.contentLength()).isEqualTo(-1);
        assertThat(m.messageLength()).isEqualTo(bytes.length);
        assertThat(m.bodyLength()).isEqualTo(105);
        assertThat(m.viaBranch()).isNull();
        assertThat(m.from().tag()).isNull();
    }

    @Test
    void invalidCasesCarryTheirValues() {
        assertThat(parse4475("bigcode").statusCode()).isEqualTo(-1);
        SipMessage clerr = parse4475("clerr");
        assertThat(clerr.contentLength()).isEqualTo(9999);
        assertThat(clerr.bodyLength()).isEqualTo(154);
        SipMessage ncl = parse4475("ncl");
        assertThat(ncl.contentLength()).isEqualTo(-1);
        assertThat(ncl.problems()).contains(SipProblem.BAD_CONTENT_LENGTH);
        assertThat(parse4475("scalar02").cseqNumber()).isEqualTo(-1);
        assertThat(parse4475("mismatch02").method()).isEqualTo("NEWMETHOD");
        assertThat(parse4475("lwsstart").requestUri()).isEqualTo("sip:user@example.com");
        assertThat(parse4475("trws").requestUri()).isEqualTo("sip:remote-target@example.com");
        assertThat(parse4475("badvers").sipVersion()).isEqualTo("SIP/7.0");
        assertThat(parse4475("mcl01").contentLength()).isEqualTo(13);
    }

    @Test
    void ipv6ReferencesKeepTheirBrackets() {
        SipMessage good = parse5118("ipv6-good");
        assertThat(SipUri.parse(good.requestUri()).host()).isEqualTo("[2001:db8::10]");
        SipUri ambiguous = SipUri.parse(parse5118("port-ambiguous").requestUri());
        assertThat(ambiguous.host()).isEqualTo("[2001:db8::10:5070]");
        assertThat(ambiguous.port()).isEqualTo(-1);
        SipUri unambiguous = SipUri.parse(parse5118("port-unambiguous").requestUri());
        assertThat(unambiguous.host()).isEqualTo("[2001:db8::10]");
        assertThat(unambiguous.port()).isEqualTo(5070);
        assertThat(parse5118("ipv6-bug-abnf-3-colons").to().uri().host()).isEqualTo("[2001:db8:::192.0.2.1]");
        SipMessage mapped = parse5118("ipv4-mapped-ipv6");
        assertThat(mapped.bodyLength()).isEqualTo(236);
        assertThat(mapped.viaBranch()).isEqualTo("z9hG4bKbh19");
        assertThat(parse5118("mult-ip-in-header").headers("Via")).hasSize(3);
    }

    /**
     * Call-ID, CSeq number and From tag as tshark 4.0 decodes them (each file sent as one UDP
     * datagram to port 5060, fields sip.Call-ID, sip.CSeq.seq, sip.from.tag).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            badbranch | badbranch.sadonfo23i420jv0as0derf3j3n | 8 | 33242
            cparam01 | cparam01.70710@saturn.example.com | 2 | DkfVgjkrtMwaerKKpe
            dblreq | dblreq.0ha0isndaksdj99sdfafnl3lk233412 | 8 | 43251j3j324
            esc01 | esc01.239409asdfakjkn23onasd0-3234 | 234234 | 938
            esc02 | esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf | 29344 | f232jadfj23
            escnull | escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd | 14398234 | 839923423
            lwsdisp | lwsdisp.1234abcd@funky.example.com | 60 | 323
            mpart01 | 3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA.. | 1 | 2fb0dcc9
            noreason | noreason.asndj203insdf99223ndf | 35 | 39ansfi3
            semiuri | semiuri.0ha0isndaksdj | 8 | 33242
            transports | transports.kijh4akdnaqjkwendsasfdj | 60 | 323
            unreason | unreason.1234ksdfak3j2erwedfsASdf | 35 | 11141343
            wsinv | wsinv.ndaksdj@192.0.2.1 | 9 |
            zeromf | zeromf.jfasdlfnm2o2l43r5u0asdfas | 39234321 | 3ghsd41
            bcast | bcast.0384840201234ksdfak3j2erwedfsASdf | 35 | 11141343
            quotbal | quotbal.aksdj | 8 | 93334
            """)
    void agreesWithTsharkOnIdentifiers(String file, String callId, long cseq, String fromTag) {
        SipMessage m = parse4475(file);
        assertThat(m.callId()).isEqualTo(callId);
        assertThat(m.cseqNumber()).isEqualTo(cseq);
        if (fromTag != null) {
            assertThat(m.from().tag()).isEqualTo(fromTag);
        }
    }

    private static SipMessage parse4475(String name) {
        byte[] b = read(RFC4475 + "/" + name + ".dat");
        SipMessage m = SipParser.parse(b, 0, b.length);
        assertThat(m).isNotNull();
        return m;
    }

    private static SipMessage parse5118(String name) {
        byte[] b = toCrlf(read(RFC5118 + "/" + name + ".sip"));
        SipMessage m = SipParser.parse(b, 0, b.length);
        assertThat(m).isNotNull();
        return m;
    }

    static byte[] read(String relative) {
        try {
            return Files.readAllBytes(SharedTestData.file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** LF to CRLF, adding the final empty line where the archive lacks it (RFC 5118 README). */
    static byte[] toCrlf(byte[] lf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lf.length + 64);
        for (int i = 0; i < lf.length; i++) {
            if (lf[i] == '\n' && (i == 0 || lf[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(lf[i]);
        }
        String text = out.toString(StandardCharsets.ISO_8859_1);
        if (!text.contains("\r\n\r\n")) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    static List<String> tortureFiles() throws IOException {
        return files().map(a -> a.get()[0] + "/" + a.get()[1]).distinct().toList();
    }
}
