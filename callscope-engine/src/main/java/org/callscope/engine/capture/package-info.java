/**
 * Where frames come from: {@link org.callscope.engine.capture.PacketSource} and its file readers.
 *
 * <p>Owns classic pcap and pcapng reading ({@code PcapFileSource}, {@code PcapngFileSource}),
 * opening a file by its magic with transparent gzip/zstd decompression ({@code CaptureFiles}),
 * and reading several files as one in timestamp order ({@code MergingSource}), each file open only
 * while the merge is inside its time range ({@code DeferredFileSource}). Damage in a file
 * is a {@link org.callscope.engine.capture.CaptureDamage}, never an exception; frames are
 * delivered into a reused {@link org.callscope.engine.capture.CapturedPacket} without allocation.
 * Decoding the frames is not done here (see {@code decode}).
 */
package org.callscope.engine.capture;
