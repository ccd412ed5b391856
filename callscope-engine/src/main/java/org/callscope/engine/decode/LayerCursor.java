package org.callscope.engine.decode;

/**
 * The bytes still to decode: {@code buf[off, end)}. Each decoder consumes its header by advancing
 * {@link #off} and may cut {@link #end} to a length field (IPv4 total length removes Ethernet
 * padding). Owned by one {@link PacketDecoder}; reused for every frame.
 */
final class LayerCursor {
    byte[] buf;
    int off;
    int end;
    /** 802.1Q/802.1ad tags seen since the last Ethernet header. */
    int vlanTags;
    /** The capture's snaplen cut this frame: length fields may point past {@link #end}. */
    boolean snapCut;

    void reset(byte[] buf, int off, int end) {
        this.buf = buf;
        this.off = off;
        this.end = end;
        this.vlanTags = 0;
        this.snapCut = false;
    }

    int remaining() {
        return end - off;
    }
}
