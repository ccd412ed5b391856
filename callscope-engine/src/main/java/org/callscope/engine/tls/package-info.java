/**
 * Passive TLS decryption over reassembled TCP: records, handshakes, key sources and record
 * protection, yielding the plaintext byte stream the SIP framer reads like plain TCP.
 */
package org.callscope.engine.tls;
