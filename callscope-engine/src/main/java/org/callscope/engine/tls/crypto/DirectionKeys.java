package org.callscope.engine.tls.crypto;

/** The final keys of one direction: MAC key, cipher key and IV (the AEAD salt or CBC IV). */
record DirectionKeys(byte[] macKey, byte[] key, byte[] iv) {
}
