package org.callscope.engine.tls.session;

import org.callscope.engine.tls.keys.ServerKeys;
import org.callscope.engine.tls.keys.SessionKeys;

/**
 * Everything a connection may take its keys from: key-log secrets (files, receivers, key
 * datagrams in the capture), server RSA private keys by address, and sessions seen earlier.
 */
public record TlsKeySources(SessionKeys sessionKeys, ServerKeys serverKeys, TlsSessionCache sessions) {
    public static TlsKeySources empty() {
        return new TlsKeySources(new SessionKeys(), new ServerKeys(), new TlsSessionCache());
    }
}
