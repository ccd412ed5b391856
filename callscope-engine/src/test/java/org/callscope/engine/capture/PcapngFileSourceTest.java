package org.callscope.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callscope.engine.capture.CaptureBytes.readAll;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.callscope.engine.capture.CaptureBytes.Frame;
import org.callscope.engine.capture.CaptureBytes.Pcapng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapngFileSourceTest {
    private static final byte[] SIX = {1, 2, 3, 4, 5, 6};

    private static PcapngFileSource source(byte[] file) {
        return new PcapngFileSource("test.pcapng", new ByteArrayInputStream(file));
    }

    /** Two interfaces (Ethernet at the default 10^-6, SLL at 10^-9), skipped blocks, an SPB. */
    private static Pcapng twoInterfaces(boolean bigEndian) {
        Pcapng f = new Pcapng(bigEndian).shb()
                .idb(LinkType.ETHERNET, 65535, null, null)
                .idb(LinkType.LINUX_SLL, 65535, 9, null);
        f.block(4, new byte[] {0, 0, 0, 0}); // name resolution block, end of records only
        f.epb(0, 1_700_000_000_500_000L, SIX, 6);
        f.block(0x00000bad, new byte[] {0x12, 0x34, 0x56, 0x78, 9}); // custom block, padded
        f.epb(1, 1_700_000_000_600_000_001L, new byte[] {7, 8, 9}, 60);
        f.spb(new byte[] {10, 11, 12, 13, 14}, 5);
        f.block(5, new byte[16]); // interface statistics block
        return f;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsInterfacesWithTheirOwnLinkTypeAndResolution(boolean bigEndian) throws IOException {
        PcapngFileSource source = source(twoInterfaces(bigEndian).toBytes());
        List<Frame> frames = readAll(source);
        assertThat(source.damage()).isNull();
        assertThat(frames).hasSize(3);
        Frame first = frames.get(0);
        assertThat(first.tsNanos()).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(first.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(first.interfaceId()).isZero();
        assertThat(first.data()).containsExactly(SIX);
        Frame second = frames.get(1);
        assertThat(second.tsNanos()).isEqualTo(1_700_000_000_600_000_001L);
        assertThat(second.linkType()).isEqualTo(LinkType.LINUX_SLL);
        assertThat(second.interfaceId()).isEqualTo(1);
        assertThat(second.capturedLength()).isEqualTo(3);
        assertThat(second.originalLength()).isEqualTo(60);
        Frame simple = frames.get(2);
        assertThat(simple.interfaceId()).isZero();
        assertThat(simple.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(simple.data()).containsExactly(10, 11, 12, 13, 14);
        assertThat(simple.tsNanos()).as("SPB carries no time: keeps the clock where it was")
                .isEqualTo(second.tsNanos());
        assertThat(frames).extracting(Frame::frameNumber).containsExactly(1L, 2L, 3L);
    }

    @Test
    void simplePacketIsCutToInterfaceSnaplen() throws IOException {
        Pcapng f = new Pcapng(false).shb().idb(LinkType.ETHERNET, 4, null, null).spb(SIX, 6);
        assertThat(readAll(source(f.toBytes()))).singleElement().satisfies(fr -> {
            assertThat(fr.capturedLength()).isEqualTo(4);
            assertThat(fr.originalLength()).isEqualTo(6);
        });
    }

    @Test
    void appliesPowerOfTwoResolutionAndOffset() throws IOException {
        // if_tsresol 0x8a: units of 2^-10 s; if_tsoffset 100 s.
        Pcapng f = new Pcapng(false).shb().idb(LinkType.RAW, 0, 0x80 | 10, 100L)
                .epb(0, 3 * 1024 + 512, SIX, 6);
        assertThat(readAll(source(f.toBytes()))).singleElement()
                .extracting(Frame::tsNanos).isEqualTo(103_500_000_000L);
    }

    @Test
    void convertsEveryResolutionKind() {
        assertThat(PcapngInterfaces.unitsToNanos(1_234L, 3)).isEqualTo(1_234_000_000L);
        assertThat(PcapngInterfaces.unitsToNanos(12_345_678_901L, 10)).isEqualTo(1_234_567_890L);
        assertThat(PcapngInterfaces.unitsToNanos(5, 0)).isEqualTo(5_000_000_000L);
        assertThat(PcapngInterfaces.unitsToNanos(5, 0x80)).isEqualTo(5_000_000_000L);
        assertThat(PcapngInterfaces.unitsToNanos(1L << 62, 0x80 | 63)).isEqualTo(500_000_000L);
        assertThat(PcapngInterfaces.unitsToNanos(-1L, 19)).isEqualTo(1_844_674_407L); // (2^64-1) * 10^-19 s
    }

    @Test
    void newSectionStartsItsOwnInterfaces() throws IOException {
        Pcapng first = new Pcapng(true).shb().idb(LinkType.ETHERNET, 65535, null, null).epb(0, 1_000_000, SIX, 6);
        Pcapng second = new Pcapng(false).shb().idb(LinkType.RAW, 65535, 9, null).epb(0, 2_000_000_000L, SIX, 6);
        byte[] a = first.toBytes();
        byte[] b = second.toBytes();
        byte[] file = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, file, a.length, b.length);
        PcapngFileSource source = source(file);
        List<Frame> frames = readAll(source);
        assertThat(source.damage()).isNull();
        assertThat(frames).extracting(Frame::linkType).containsExactly(LinkType.ETHERNET, LinkType.RAW);
        assertThat(frames).extracting(Frame::tsNanos).containsExactly(1_000_000_000L, 2_000_000_000L);
        assertThat(frames).extracting(Frame::frameNumber).containsExactly(1L, 2L);
    }

    @Test
    void readsObsoletePacketBlock() throws IOException {
        Pcapng f = new Pcapng(false).shb().idb(LinkType.ETHERNET, 65535, null, null).opb(0, 2_500_000, SIX, 70);
        assertThat(readAll(source(f.toBytes()))).singleElement().satisfies(fr -> {
            assertThat(fr.tsNanos()).isEqualTo(2_500_000_000L);
            assertThat(fr.originalLength()).isEqualTo(70);
            assertThat(fr.data()).containsExactly(SIX);
        });
    }

    @Test
    void reportsTrailingLengthMismatchAtBlockStart() throws IOException {
        Pcapng f = twoInterfaces(false);
        byte[] file = f.toBytes();
        int epb = f.blockStarts.get(4); // the first EPB
        int length = file[epb + 4] & 0xff;
        file[epb + length - 4] ^= 4; // corrupt its trailing length
        PcapngFileSource source = source(file);
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage().byteOffset()).isEqualTo(epb);
        assertThat(source.damage().problem()).contains("trailing block length");
    }

    @Test
    void reportsSkippedBlockWithBadTrailingLength() throws IOException {
        Pcapng f = twoInterfaces(false);
        byte[] file = f.toBytes();
        int custom = f.blockStarts.get(5);
        int length = file[custom + 4] & 0xff;
        file[custom + length - 1] = 0x7f;
        PcapngFileSource source = source(file);
        assertThat(readAll(source)).hasSize(1);
        assertThat(source.damage().byteOffset()).isEqualTo(custom);
    }

    @Test
    void reportsLengthNotMultipleOfFour() throws IOException {
        Pcapng f = twoInterfaces(true);
        byte[] file = f.toBytes();
        int epb = f.blockStarts.get(4);
        file[epb + 7] += 1;
        PcapngFileSource source = source(file);
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage().byteOffset()).isEqualTo(epb);
        assertThat(source.damage().problem()).contains("multiple of 4");
    }

    @Test
    void reportsBlockCutShortInPacketData() throws IOException {
        Pcapng f = twoInterfaces(false);
        int second = f.blockStarts.get(6);
        PcapngFileSource source = source(Arrays.copyOf(f.toBytes(), second + 30));
        assertThat(readAll(source)).hasSize(1);
        assertThat(source.damage().byteOffset()).isEqualTo(second);
        assertThat(source.damage().problem()).contains("block cut short: 30 of");
    }

    @Test
    void reportsBlockHeaderCutShort() throws IOException {
        Pcapng f = twoInterfaces(false);
        byte[] whole = f.toBytes();
        PcapngFileSource source = source(Arrays.copyOf(whole, whole.length + 5));
        assertThat(readAll(source)).hasSize(3);
        assertThat(source.damage().byteOffset()).isEqualTo(whole.length);
        assertThat(source.damage().problem()).contains("block header cut short: 5 of 8");
    }

    @Test
    void reportsPacketOnUndeclaredInterface() throws IOException {
        Pcapng f = new Pcapng(false).shb().idb(1, 65535, null, null).epb(1, 0, SIX, 6);
        PcapngFileSource source = source(f.toBytes());
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage().byteOffset()).isEqualTo((long) f.blockStarts.get(2));
        assertThat(source.damage().problem()).contains("interface 1");
    }

    @Test
    void reportsCapturedLengthOverrunningBlock() throws IOException {
        Pcapng f = new Pcapng(false).shb().idb(1, 65535, null, null);
        int epb = f.size();
        f.block(6, f.body().u32(0).u32(0).u32(0).u32(200).u32(200).bytes(SIX).toBytes());
        PcapngFileSource source = source(f.toBytes());
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage().byteOffset()).isEqualTo(epb);
        assertThat(source.damage().problem()).contains("overruns");
    }

    @Test
    void reportsFileNotStartingWithSection() throws IOException {
        Pcapng f = new Pcapng(false).idb(1, 65535, null, null);
        PcapngFileSource source = source(f.toBytes());
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage().byteOffset()).isZero();
        assertThat(source.damage().problem()).contains("not a pcapng file");
    }

    @Test
    void reportsBadByteOrderMagic() throws IOException {
        byte[] file = twoInterfaces(false).toBytes();
        file[8] = 0x55;
        PcapngFileSource source = source(file);
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage().problem()).contains("byte-order magic");
    }

    @Test
    void reportsOutOfRangeResolution() throws IOException {
        Pcapng f = new Pcapng(false).shb().idb(1, 65535, 20, null).epb(0, 0, SIX, 6);
        PcapngFileSource source = source(f.toBytes());
        assertThat(readAll(source)).isEmpty();
        assertThat(source.damage().byteOffset()).isEqualTo((long) f.blockStarts.get(1));
        assertThat(source.damage().problem()).contains("if_tsresol 14");
    }
}
