package org.callscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Mutated and random files never throw, never loop, never grow the packet buffer past the limit. */
class CaptureFuzzTest {
    private static final int ROUNDS = 2000;
    /** {@link CapturedPacket#ensureCapacity} at most doubles past the largest accepted frame. */
    private static final int MAX_BUFFER = 2 * PcapFileSource.MAX_CAPTURED_LENGTH;

    private static byte[] validPcap() {
        CaptureBytes.Writer w = CaptureBytes.pcap(false, false, LinkType.ETHERNET, 65535);
        for (int i = 0; i < 8; i++) {
            CaptureBytes.record(w, 1_000 + i, i * 10, new byte[20 + i * 7], 20 + i * 7);
        }
        return w.toBytes();
    }

    private static byte[] validPcapng() {
        return new CaptureBytes.Pcapng(true).shb()
                .idb(LinkType.ETHERNET, 65535, null, null)
                .idb(LinkType.RAW, 128, 0x80 | 20, 5L)
                .epb(0, 1_000_000, new byte[33], 60)
                .block(4, new byte[12])
                .epb(1, 1L << 40, new byte[17], 17)
                .spb(new byte[9], 9)
                .opb(1, 99, new byte[5], 5)
                .block(5, new byte[20])
                .toBytes();
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = random.nextInt(8); i >= 0; i--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 2 -> {
                int at = 4 * random.nextInt(b.length / 4);
                long value = random.nextBoolean() ? random.nextInt() & 0xffffffffL : random.nextInt(300_000);
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (value >>> (8 * i));
                }
            }
            case 3 -> {
                byte[] extra = new byte[random.nextInt(40)];
                random.nextBytes(extra);
                int at = random.nextInt(b.length);
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(b, at, out, at + extra.length, b.length - at);
                b = out;
            }
            default -> {
                int from = random.nextInt(b.length);
                int to = random.nextInt(b.length);
                int len = random.nextInt(Math.min(b.length - from, b.length - to) + 1);
                System.arraycopy(valid, from, b, to, len);
            }
        }
        return b;
    }

    private static void readFully(Function<InputStream, PacketSource> open, byte[] file) throws IOException {
        PacketSource source = open.apply(new ByteArrayInputStream(file));
        CapturedPacket p = new CapturedPacket();
        int frames = 0;
        while (source.next(p)) {
            frames++;
            assertThat(frames).as("frames from a %d-byte file", file.length).isLessThanOrEqualTo(file.length / 12);
            assertThat(p.capturedLength).isBetween(0, PcapFileSource.MAX_CAPTURED_LENGTH);
            assertThat(p.data.length).isLessThanOrEqualTo(MAX_BUFFER);
        }
        assertThat(source.next(p)).as("stays ended").isFalse();
        CaptureDamage damage = source.damage();
        if (damage != null) {
            assertThat(damage.byteOffset()).isBetween(0L, (long) file.length);
            assertThat(damage.problem()).isNotBlank();
        }
    }

    @Test
    void mutatedPcapNeverThrows() throws IOException {
        Random random = new Random(20_260_101);
        byte[] valid = validPcap();
        for (int i = 0; i < ROUNDS; i++) {
            readFully(in -> new PcapFileSource("fuzz", in), mutate(valid, random));
        }
    }

    @Test
    void mutatedPcapngNeverThrows() throws IOException {
        Random random = new Random(20_260_102);
        byte[] valid = validPcapng();
        for (int i = 0; i < ROUNDS; i++) {
            readFully(in -> new PcapngFileSource("fuzz", in), mutate(valid, random));
        }
    }

    @Test
    void randomBytesNeverThrow() throws IOException {
        Random random = new Random(20_260_103);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] b = new byte[random.nextInt(200)];
            random.nextBytes(b);
            if (b.length >= 12 && random.nextBoolean()) {
                // Give some inputs a valid start so the fuzzer reaches past the magic.
                byte[] head = random.nextBoolean() ? validPcap() : validPcapng();
                System.arraycopy(head, 0, b, 0, Math.min(head.length, random.nextInt(b.length)));
            }
            readFully(in -> new PcapFileSource("fuzz", in), b);
            readFully(in -> new PcapngFileSource("fuzz", in), b);
        }
    }

    @Test
    void undamagedInputsReadWhole() throws IOException {
        PacketSource pcap = new PcapFileSource("ok", new ByteArrayInputStream(validPcap()));
        PacketSource pcapng = new PcapngFileSource("ok", new ByteArrayInputStream(validPcapng()));
        assertThat(CaptureBytes.readAll(pcap)).hasSize(8);
        assertThat(CaptureBytes.readAll(pcapng)).hasSize(4);
        assertThat(pcap.damage()).isNull();
        assertThat(pcapng.damage()).isNull();
    }

    /**
     * A window that starts at 64 bytes and grows on demand reads every mutated file exactly as
     * the full 1 MiB window does: the same frames and the same damage.
     */
    @Test
    void aGrowingWindowReadsMutatedFilesLikeAFullOne() throws IOException {
        Random random = new Random(20_260_104);
        byte[] pcap = validPcap();
        byte[] pcapng = validPcapng();
        for (int i = 0; i < ROUNDS; i++) {
            boolean ng = random.nextBoolean();
            byte[] file = mutate(ng ? pcapng : pcap, random);
            PacketSource full = ng ? new PcapngFileSource("fuzz", new CaptureInput(new ByteArrayInputStream(file), false))
                    : new PcapFileSource("fuzz", new CaptureInput(new ByteArrayInputStream(file), false));
            PacketSource small = ng ? new PcapngFileSource("fuzz", new CaptureInput(new ByteArrayInputStream(file), false, 64))
                    : new PcapFileSource("fuzz", new CaptureInput(new ByteArrayInputStream(file), false, 64));
            assertThat(CaptureBytes.readAll(small)).as("round %d", i)
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(CaptureBytes.readAll(full));
            assertThat(small.damage()).as("round %d", i).isEqualTo(full.damage());
        }
    }
}
