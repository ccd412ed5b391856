package org.callscope.engine.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.websocket.WebSocketDeframerTest.REQUEST;
import static org.callscope.engine.websocket.WebSocketDeframerTest.RESPONSE;
import static org.callscope.engine.websocket.WebSocketDeframerTest.ascii;

import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {

    @Test
    void recognisesRfcHandshake() {
        byte[] req = ascii(REQUEST);
        byte[] resp = ascii(RESPONSE);

        assertThat(WebSocketHandshake.isUpgradeRequest(req, 0, req.length)).isTrue();
        assertThat(WebSocketHandshake.isUpgradeResponse(resp, 0, resp.length)).isTrue();
        assertThat(WebSocketHandshake.isUpgradeResponse(req, 0, req.length)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeRequest(resp, 0, resp.length)).isFalse();
    }

    @Test
    void matchesHeaderNameAndValueCaseInsensitively() {
        byte[] req = ascii("GET /ws HTTP/1.1\r\nHost: x\r\nUPGRADE:WebSocket\r\n\r\n");
        byte[] list = ascii("GET /ws HTTP/1.1\nupgrade: foo, websocket\n\n");

        assertThat(WebSocketHandshake.isUpgradeRequest(req, 0, req.length)).isTrue();
        assertThat(WebSocketHandshake.isUpgradeRequest(list, 0, list.length)).isTrue();
    }

    @Test
    void findsHandshakeAtAnOffset() {
        byte[] req = ascii("xxxx" + REQUEST);

        assertThat(WebSocketHandshake.isUpgradeRequest(req, 4, req.length - 4)).isTrue();
        assertThat(WebSocketHandshake.isUpgradeRequest(req, 0, req.length)).isFalse();
    }

    @Test
    void rejectsOtherHttp() {
        byte[] post = ascii("POST /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n");
        byte[] h2c = ascii("GET / HTTP/1.1\r\nUpgrade: h2c\r\n\r\n");
        byte[] inBody = ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\nUpgrade: websocket\r\n");
        byte[] notSwitching = ascii("HTTP/1.1 200 OK\r\nUpgrade: websocket\r\n\r\n");
        byte[] sip = ascii("INVITE sip:bob@example.com SIP/2.0\r\n\r\n");

        assertThat(WebSocketHandshake.isUpgradeRequest(post, 0, post.length)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeRequest(h2c, 0, h2c.length)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeRequest(inBody, 0, inBody.length)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeResponse(notSwitching, 0, notSwitching.length)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeRequest(sip, 0, sip.length)).isFalse();
    }

    @Test
    void survivesTruncatedAndOutOfRangeInput() {
        byte[] req = ascii(REQUEST);
        int upgradeEnd = REQUEST.indexOf("websocket") + "websocket".length();

        assertThat(WebSocketHandshake.isUpgradeRequest(req, 0, upgradeEnd - 1)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeRequest(req, 0, upgradeEnd)).isTrue();
        assertThat(WebSocketHandshake.isUpgradeRequest(req, 0, 3)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeRequest(new byte[0], 0, 0)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeRequest(req, 0, req.length + 100)).isTrue();
        assertThat(WebSocketHandshake.isUpgradeRequest(req, req.length, 10)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeRequest(req, -1, 10)).isFalse();
        assertThat(WebSocketHandshake.isUpgradeRequest(null, 0, 10)).isFalse();
    }
}
