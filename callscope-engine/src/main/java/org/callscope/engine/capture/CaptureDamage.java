package org.callscope.engine.capture;

/**
 * Why a capture could not be read to its end.
 *
 * @param source     file path or interface name
 * @param byteOffset offset in the (decompressed) input where the damage starts
 * @param problem    what is wrong, in words for an operator
 */
public record CaptureDamage(String source, long byteOffset, String problem) {
    @Override
    public String toString() {
        return source + ": damaged at byte " + byteOffset + ": " + problem;
    }
}
