package org.callscope.engine.tls.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServerKeysTest {
    private static PrivateKey a;
    private static PrivateKey b;
    private static PrivateKey c;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        a = g.generateKeyPair().getPrivate();
        b = g.generateKeyPair().getPrivate();
        c = g.generateKeyPair().getPrivate();
    }

    @Test
    void exactPortWinsOverAnyPort() {
        ServerKeys keys = new ServerKeys();
        assertThat(keys.isEmpty()).isTrue();
        assertThat(keys.find("10.0.0.1", 5061)).isNull();
        keys.add("10.0.0.1", 5061, a);
        keys.add("10.0.0.1", 0, b);
        keys.add("2001:db8::1", 5061, c);
        assertThat(keys.find("10.0.0.1", 5061)).isSameAs(a);
        assertThat(keys.find("10.0.0.1", 443)).isSameAs(b);
        assertThat(keys.find(new byte[] {10, 0, 0, 1}, 5061)).isSameAs(a);
        assertThat(keys.find(new byte[] {10, 0, 0, 1}, 5062)).isSameAs(b);
        assertThat(keys.find("10.0.0.2", 5061)).isNull();
        assertThat(keys.find("2001:0db8:0:0::1", 5061)).isSameAs(c);
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[15] = 1;
        assertThat(keys.find(v6, 5061)).isSameAs(c);
        assertThat(keys.find(v6, 5060)).isNull();
        assertThat(keys.endpoints()).containsExactlyInAnyOrder(new IpPort("10.0.0.1", 5061), new IpPort("10.0.0.1", 0),
                IpPort.parse("[2001:db8::1]:5061"));
        assertThat(keys.isEmpty()).isFalse();
    }

    @Test
    void badAddressesAreRefused() {
        ServerKeys keys = new ServerKeys();
        assertThatThrownBy(() -> keys.add("sip.example.com", 5061, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"sip.example.com\" is not an IP address");
        assertThatThrownBy(() -> keys.add("10.0.0.1", 70_000, a)).hasMessage("port 70000 is out of range 0-65535");
        assertThatThrownBy(() -> keys.find(new byte[5], 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipPortSpellings() {
        assertThat(IpPort.parse("10.0.0.1:5061")).isEqualTo(new IpPort("10.0.0.1", 5061));
        assertThat(IpPort.parse(" 10.0.0.1 : 5061 ")).isEqualTo(new IpPort("10.0.0.1", 5061));
        assertThat(IpPort.parse("10.0.0.1 5061")).isEqualTo(new IpPort("10.0.0.1", 5061));
        assertThat(IpPort.parse("10.0.0.1:0").port()).isZero();
        assertThat(IpPort.parse("[::1]:5061")).isEqualTo(new IpPort("0:0:0:0:0:0:0:1", 5061));
        assertThat(IpPort.parse("[2001:DB8::1] : 5061").ip()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(IpPort.parse("2001:db8::1 5061")).isEqualTo(IpPort.parse("[2001:db8::1]:5061"));
        assertThat(IpPort.parse("::ffff:10.0.0.1 : 5061")).isEqualTo(IpPort.parse("10.0.0.1:5061"));
        assertThat(IpPort.parse("[::1]:5061")).hasToString("[0:0:0:0:0:0:0:1]:5061");
        assertThat(IpPort.parse("10.0.0.1 : 5061")).hasToString("10.0.0.1:5061");
    }

    @Test
    void ipPortMistakesAreExplained() {
        assertThatThrownBy(() -> IpPort.parse("2001:db8::1:5061")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"2001:db8::1:5061\": write an IPv6 address with its port as [ADDRESS]:PORT");
        assertThatThrownBy(() -> IpPort.parse("10.0.0.1")).hasMessage(
                "\"10.0.0.1\": expected IP:PORT, e.g. 10.0.0.1:5061 or [2001:db8::1]:5061");
        assertThatThrownBy(() -> IpPort.parse("10.0.0.1:")).hasMessageContaining("expected IP:PORT");
        assertThatThrownBy(() -> IpPort.parse("")).hasMessageContaining("expected IP:PORT");
        assertThatThrownBy(() -> IpPort.parse("10.0.0.1:99999")).hasMessage("port 99999 is out of range 0-65535");
        assertThatThrownBy(() -> IpPort.parse("10.0.0.256:5061")).hasMessage("\"10.0.0.256\" is not an IP address");
        assertThatThrownBy(() -> IpPort.parse("10.1:5061")).hasMessage("\"10.1\" is not an IP address");
        assertThatThrownBy(() -> IpPort.parse("localhost:5061")).hasMessage("\"localhost\" is not an IP address");
        assertThatThrownBy(() -> IpPort.parse("[10.0.0.1:5061")).isInstanceOf(IllegalArgumentException.class);
    }
}
