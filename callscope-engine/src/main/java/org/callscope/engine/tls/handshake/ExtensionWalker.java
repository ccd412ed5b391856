package org.callscope.engine.tls.handshake;

import java.util.Arrays;

/**
 * Walks an extensions block (RFC 8446 §4.2): each extension's type and a reader bounded to its
 * data. Framing errors throw as they are met; a type seen twice ("There MUST NOT be more than one
 * extension of the same type", §4.2) throws once the block has been walked. Unknown types are
 * the caller's to skip: their data reader is simply not read.
 */
final class ExtensionWalker {
    private final WireReader block;
    /** (type << 32 | offset) of every extension so far, sorted at the end to find duplicates. */
    private long[] seen = new long[16];
    private int count;
    private int type;
    private WireReader data;

    /** {@code block} is positioned at the 2-byte length of the extensions vector. */
    ExtensionWalker(WireReader block) throws TlsParseException {
        int length = block.vectorLength("extensions", 2, 0, 0xffff);
        this.block = block.sub("extensions", length);
    }

    /** Moves to the next extension; false after the last, once duplicates were ruled out. */
    boolean next() throws TlsParseException {
        if (block.remaining() == 0) {
            rejectDuplicates();
            return false;
        }
        int offset = block.offset();
        type = block.u16("extension type");
        String name = ExtensionType.name(type) + " extension";
        data = block.sub(name, block.vectorLength(name, 2, 0, 0xffff));
        if (count == seen.length) {
            seen = Arrays.copyOf(seen, count * 2);
        }
        seen[count++] = ((long) type << 32) | offset;
        return true;
    }

    int type() {
        return type;
    }

    /** Reader over the current extension's data. */
    WireReader data() {
        return data;
    }

    private void rejectDuplicates() throws TlsParseException {
        long[] sorted = Arrays.copyOf(seen, count);
        Arrays.sort(sorted);
        for (int i = 1; i < count; i++) {
            if (sorted[i] >>> 32 == sorted[i - 1] >>> 32) {
                int duplicate = (int) (sorted[i] >>> 32);
                throw block.errorAt((int) sorted[i], "duplicate " + ExtensionType.name(duplicate) + " extension (" + duplicate + ")");
            }
        }
    }
}
