package org.callscope.engine.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.callscope.engine.testsupport.SharedTestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The digital test sequences of G.722 Appendix II (ITU-T G.722 software package, folder
 * {@code g722-ascii}), which exercise the sub-band ADPCM coders without the QMF: each input word
 * goes to both band encoders, and the band decoders' outputs are compared with the reference
 * reconstructions of mode 1 ({@code .RC1}, lower band) and of the higher band ({@code .RC0}).
 * The sequences are ITU material and not shipped with the project: the test reads them from
 * {@code third_party/itu-t-g722} in the shared test data, or from the folder named by the system
 * property {@code callscope.g722.vectors}, and skips when neither is there.
 */
class G722ItuVectorsTest {

    @ParameterizedTest
    @CsvSource({"T1C1.XMT, T2R1.COD", "T1C2.XMT, T2R2.COD"})
    void encoderGivesTheReferenceCodes(String input, String expected) throws IOException {
        int[] samples = read(vector(input));
        int[] codes = read(vector(expected));
        assertThat(codes).hasSameSizeAs(samples);
        G722Encoder encoder = new G722Encoder();
        for (int i = 0; i < samples.length; i++) {
            int x = (short) samples[i] >> 1;
            int code = encoder.encodeHigh(x) << 6 | encoder.encodeLow(x);
            assertThat(code).as("%s word %d", expected, i).isEqualTo(codeOf(codes[i]));
        }
    }

    @ParameterizedTest
    @CsvSource({"T2R1.COD, T3L1.RC1, T3H1.RC0", "T2R2.COD, T3L2.RC1, T3H2.RC0", "T1D3.COD, T3L3.RC1, T3H3.RC0"})
    void bandDecodersGiveTheReferenceReconstruction(String input, String lower, String higher) throws IOException {
        int[] codes = read(vector(input));
        int[] expectedLow = read(vector(lower));
        int[] expectedHigh = read(vector(higher));
        assertThat(expectedLow).hasSameSizeAs(codes);
        assertThat(expectedHigh).hasSameSizeAs(codes);
        G722Decoder decoder = new G722Decoder();
        for (int i = 0; i < codes.length; i++) {
            int code = codeOf(codes[i]);
            int rl = decoder.decodeLowerBand(code & 0x3F);
            int rh = decoder.decodeHigherBand(code >>> 6);
            assertThat((short) (rl << 1)).as("%s word %d", lower, i).isEqualTo((short) expectedLow[i]);
            assertThat((short) (rh << 1)).as("%s word %d", higher, i).isEqualTo((short) expectedHigh[i]);
        }
    }

    /** Code files hold one G.722 octet per 16-bit word, in its upper byte. */
    private static int codeOf(int word) {
        return word >>> 8;
    }

    private static Path vector(String name) {
        Path dir = null;
        String configured = System.getProperty("callscope.g722.vectors");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            dir = Path.of(configured);
        } else {
            Path shared = SharedTestData.locateOrNull();
            if (shared != null && Files.isDirectory(shared.resolve("itu-t-g722"))) {
                dir = shared.resolve("itu-t-g722");
            }
        }
        assumeTrue(dir != null, "ITU-T G.722 test sequences absent (third_party/itu-t-g722 or -Dcallscope.g722.vectors): test skipped");
        Path file = dir.resolve(name);
        assumeTrue(Files.isRegularFile(file), file + " is absent: test skipped");
        return file;
    }

    /**
     * Words of an ASCII test sequence: per line 16 words in hex and a check byte (the negated sum of
     * the line's 64 characters); the first and last lines are synchronisation words, not data.
     */
    private static int[] read(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            line = line.strip();
            if (!line.isEmpty() && !line.startsWith("/*")) {
                lines.add(line);
            }
        }
        assertThat(lines).as(file.toString()).hasSizeGreaterThan(2);
        int[] words = new int[(lines.size() - 2) * 16];
        for (int l = 1; l < lines.size() - 1; l++) {
            String line = lines.get(l);
            assertThat(line).as("%s line %d", file, l).hasSize(66);
            int sum = 0;
            for (int c = 0; c < 64; c++) {
                sum += line.charAt(c);
            }
            assertThat(-sum & 0xFF).as("%s line %d check byte", file, l).isEqualTo(Integer.parseInt(line.substring(64), 16));
            for (int w = 0; w < 16; w++) {
                words[(l - 1) * 16 + w] = Integer.parseInt(line.substring(4 * w, 4 * w + 4), 16);
            }
        }
        return words;
    }
}
