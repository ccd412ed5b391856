/**
 * TLS record protection, decryption side: the cipher suite registry ({@link
 * org.callscope.engine.tls.crypto.CipherSuites}), the PRFs of SSL 3.0 to TLS 1.2 ({@link
 * org.callscope.engine.tls.crypto.Prf}), TLS 1.3's HKDF ({@link org.callscope.engine.tls.crypto.Hkdf}),
 * and per-direction record decryptors built from a master secret or a traffic secret ({@link
 * org.callscope.engine.tls.crypto.RecordDecryptors}).
 *
 * <p>A decryptor never returns plaintext it could not authenticate: a bad MAC, padding or tag is a
 * {@link org.callscope.engine.tls.crypto.RecordDecryptException}. Each decryptor belongs to one
 * direction of one connection and is used by one thread; it keeps its {@code Cipher}/{@code Mac}
 * instances and scratch space, so a record costs one allocation (its plaintext).
 */
package org.callscope.engine.tls.crypto;
