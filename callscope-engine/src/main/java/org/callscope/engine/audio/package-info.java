/**
 * Audio export: a call's RTP payloads rendered as one stereo WAV file, caller left and callee
 * right, as VoIPmonitor's and Wireshark's RTP players do ({@link org.callscope.engine.audio.CallAudio},
 * {@link org.callscope.engine.audio.AudioReport}).
 *
 * <p>Inside: payload decoders for G.711 (µ-law, A-law), G.722 (ITU-T fixed point), Opus
 * (Concentus) and L16, RFC 3389 comfort noise; a per-stream packet log that keeps compressed
 * payloads; the stream timeline that places packets by RTP timestamp and re-anchors on arrival
 * time; a linear resampler; a mixer that slides a window over the output; a streaming WAV writer.
 *
 * <p>Not on the capture hot path: it allocates per packet and is owned by one thread at a time.
 * Bad payloads are counted and become silence; nothing a packet holds makes it throw.
 */
package org.callscope.engine.audio;
