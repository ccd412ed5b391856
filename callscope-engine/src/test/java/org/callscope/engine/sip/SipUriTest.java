package org.callscope.engine.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipUriTest {
    @Test
    void parsesSipUriParts() {
        SipUri u = SipUri.parse("sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent");
        assertThat(u.scheme()).isEqualTo(SipUri.Scheme.SIPS);
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("secret");
        assertThat(u.host()).isEqualTo("atlanta.example.com");
        assertThat(u.port()).isEqualTo(5061);
        assertThat(u.parameters()).containsEntry("transport", "tcp").containsEntry("lr", null);
        assertThat(u.headers()).containsEntry("subject", "project%20x").containsEntry("priority", "urgent");
        assertThat(u.problems()).isEmpty();
    }

    @Test
    void keepsIpv6ReferencesInBrackets() {
        SipUri u = SipUri.parse("sip:[2001:db8::10]:5070;maddr=[2001:db8::1]");
        assertThat(u.host()).isEqualTo("[2001:db8::10]");
        assertThat(u.port()).isEqualTo(5070);
        assertThat(u.parameters()).containsEntry("maddr", "[2001:db8::1]");
        assertThat(SipUri.parse("sip:2001:db8::10").problems()).containsExactly(SipProblem.UNBRACKETED_IPV6);
    }

    @Test
    void telAndOtherSchemes() {
        SipUri tel = SipUri.parse("tel:+1-201-555-0123;phone-context=example.com");
        assertThat(tel.scheme()).isEqualTo(SipUri.Scheme.TEL);
        assertThat(tel.user()).isEqualTo("+1-201-555-0123");
        assertThat(tel.host()).isNull();
        assertThat(tel.parameters()).containsEntry("phone-context", "example.com");
        SipUri other = SipUri.parse("soap.beep://192.0.2.103:3002");
        assertThat(other.scheme()).isEqualTo(SipUri.Scheme.OTHER);
        assertThat(other.schemeText()).isEqualTo("soap.beep");
        assertThat(other.problems()).isEmpty();
    }

    @Test
    void flagsBadUris() {
        assertThat(SipUri.parse("sip:host:99999").problems()).containsExactly(SipProblem.BAD_URI_PORT);
        assertThat(SipUri.parse("sip:host:").problems()).containsExactly(SipProblem.BAD_URI_PORT);
        assertThat(SipUri.parse("sip:user@").problems()).containsExactly(SipProblem.BAD_URI);
        assertThat(SipUri.parse("no-scheme").problems()).containsExactly(SipProblem.BAD_URI);
        assertThat(SipUri.parse("<sip:a@b>").problems()).containsExactly(SipProblem.BAD_URI);
        assertThat(SipUri.parse("sip:a@b;;x").problems()).containsExactly(SipProblem.EXTRANEOUS_SEPARATORS);
        assertThat(SipUri.parse("sip:[::1").problems()).contains(SipProblem.BAD_URI);
        assertThat(SipUri.parse(null).problems()).contains(SipProblem.BAD_URI);
        assertThat(SipUri.parse("").problems()).contains(SipProblem.BAD_URI);
    }

    @Test
    void nameAddrForms() {
        NameAddr quoted = NameAddr.parse("\"A \\\"B\\\"\" <sip:a@b;lr>;tag=x;expires=60");
        assertThat(quoted.displayName()).isEqualTo("A \"B\"");
        assertThat(quoted.uri().parameters()).containsKey("lr");
        assertThat(quoted.tag()).isEqualTo("x");
        assertThat(quoted.params()).containsEntry("expires", "60");
        NameAddr bare = NameAddr.parse("sip:a@b;tag=7");
        assertThat(bare.displayName()).isNull();
        assertThat(bare.uri().host()).isEqualTo("b");
        assertThat(bare.tag()).isEqualTo("7");
        assertThat(NameAddr.parse("<sip:a@b").problems()).containsExactly(SipProblem.NAME_ADDR_MALFORMED);
        assertThat(NameAddr.parse("\"open <sip:a@b>").problems()).contains(SipProblem.UNTERMINATED_QUOTE);
        assertThat(NameAddr.parse("sip:a@b junk").problems()).containsExactly(SipProblem.ADDR_SPEC_WHITESPACE);
        assertThat(NameAddr.parse("<sip:a@b>;;tag=1").problems()).containsExactly(SipProblem.EXTRANEOUS_SEPARATORS);
        assertThat(NameAddr.parse("").problems()).contains(SipProblem.BAD_URI);
        assertThat(NameAddr.parse(null).uri()).isNotNull();
    }
}
