/**
 * One TLS connection seen passively: which side is the client, what the handshake negotiated,
 * where the keys come from (key log, server RSA key, an earlier session being resumed), records
 * held while their key is late, and the plaintext handed on in order.
 */
package org.callscope.engine.tls.session;
