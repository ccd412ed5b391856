package org.callscope.engine.tls.session;

import static org.callscope.engine.tls.session.SyntheticTls.CERTIFICATE;
import static org.callscope.engine.tls.session.SyntheticTls.CLIENT_KEY_EXCHANGE;
import static org.callscope.engine.tls.session.SyntheticTls.FINISHED;
import static org.callscope.engine.tls.session.SyntheticTls.HANDSHAKE;
import static org.callscope.engine.tls.session.SyntheticTls.SERVER_HELLO_DONE;
import static org.callscope.engine.tls.session.SyntheticTls.changeCipherSpec;
import static org.callscope.engine.tls.session.SyntheticTls.concat;
import static org.callscope.engine.tls.session.SyntheticTls.counting;
import static org.callscope.engine.tls.session.SyntheticTls.handshake;
import static org.callscope.engine.tls.session.SyntheticTls.record;

import org.callscope.engine.tls.session.SyntheticTls.Tls12GcmSender;

/**
 * A synthetic TLS 1.2 AES-128-GCM connection on a known master secret: both senders and the
 * records of a full handshake (RFC 5246 §7.3) or an abbreviated one resuming a session ID.
 * The client is the first side of the {@link ConnectionRig}.
 */
final class Tls12Exchange {
    final int suite;
    final byte[] clientRandom;
    final byte[] serverRandom;
    final byte[] sessionId;
    final Tls12GcmSender client;
    final Tls12GcmSender server;

    Tls12Exchange(int suite, byte[] master, byte[] clientRandom, byte[] serverRandom, byte[] sessionId) {
        this.suite = suite;
        this.clientRandom = clientRandom;
        this.serverRandom = serverRandom;
        this.sessionId = sessionId;
        this.client = new Tls12GcmSender(master, clientRandom, serverRandom, true);
        this.server = new Tls12GcmSender(master, clientRandom, serverRandom, false);
    }

    byte[] clientHello(byte[] offeredSessionId) {
        return record(HANDSHAKE, SyntheticTls.clientHello12(clientRandom, offeredSessionId, suite));
    }

    byte[] serverHello() {
        return record(HANDSHAKE, SyntheticTls.serverHello12(serverRandom, sessionId, suite));
    }

    byte[] clientFinished() {
        return client.seal(HANDSHAKE, handshake(FINISHED, counting(0x70, 12)));
    }

    byte[] serverFinished() {
        return server.seal(HANDSHAKE, handshake(FINISHED, counting(0x80, 12)));
    }

    /**
     * ClientHello without a session to resume; ServerHello, Certificate, ServerHelloDone;
     * ClientKeyExchange with {@code keyExchange} as body, ChangeCipherSpec, Finished; the
     * server's ChangeCipherSpec and Finished.
     */
    void full(ConnectionRig rig, byte[] keyExchange) {
        rig.first(clientHello(new byte[0]));
        rig.second(concat(serverHello(), record(HANDSHAKE, concat(handshake(CERTIFICATE, counting(0, 40)),
                handshake(SERVER_HELLO_DONE, new byte[0])))));
        rig.first(record(HANDSHAKE, handshake(CLIENT_KEY_EXCHANGE, keyExchange)), changeCipherSpec(), clientFinished());
        rig.second(changeCipherSpec(), serverFinished());
    }

    /** An ECDHE ClientKeyExchange: the client's 65-byte point. */
    static byte[] ecdhePoint() {
        return concat(new byte[] {65, 4}, counting(0x30, 64));
    }

    /** RFC 5246 §5.1.4: the session ID offered and echoed, the server's ChangeCipherSpec and Finished first. */
    void abbreviated(ConnectionRig rig) {
        rig.first(clientHello(sessionId));
        rig.second(serverHello(), changeCipherSpec(), serverFinished());
        rig.first(changeCipherSpec(), clientFinished());
    }
}
