package io.vigil.pipeline.process;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void withoutSecretsBytesPassUnchanged() throws IOException {
        byte[] bytes = {(byte) 0xff, 0, (byte) 0x80, 'a', '\n'};

        assertThat(masked(List.of(), bytes, bytes.length)).containsExactly(bytes);
    }

    @Test
    void aValueCutByAnyReadBoundaryIsStillMasked() throws IOException {
        byte[] output = "before hunter2 middle hunter2\nhunter2 after".getBytes(UTF_8);

        for (int chunk = 1; chunk <= output.length; chunk++) {
            assertThat(new String(masked(List.of("hunter2"), output, chunk), UTF_8)).as("chunks of %d", chunk)
                    .isEqualTo("before *** middle ***\n*** after");
        }
    }

    @Test
    void aCompleteLineGoesOutAtOnceAndOnlyAPossibleStartOfAValueWaits() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SecretMask.Masking masking = new SecretMask(List.of("hunter2")).over(sink);

        masking.write("token hunter2\nnext hun".getBytes(UTF_8));
        masking.flush();

        assertThat(sink.toString(UTF_8)).isEqualTo("token ***\nne");
        masking.close();
        assertThat(sink.toString(UTF_8)).isEqualTo("token ***\nnext hun");
    }

    @Test
    void bytesThatAreNotUtf8SurviveAroundAMaskedValue() throws IOException {
        byte[] output = {(byte) 0xff, 'k', 'e', 'y', (byte) 0xc3, '\n', (byte) 0x80};

        assertThat(masked(List.of("key"), output, 2)).containsExactly(0xff, '*', '*', '*', 0xc3, '\n', 0x80);
    }

    @Test
    void aValueInAVeryLongLineIsMaskedWhereverItFalls() throws IOException {
        for (int at : new int[] {0, 64 * 1024 - 3, 64 * 1024, 200_000}) {
            byte[] line = new byte[300_000];
            Arrays.fill(line, (byte) 'x');
            System.arraycopy("hunter2".getBytes(UTF_8), 0, line, at, 7);

            String text = new String(masked(List.of("hunter2"), line, 8192), ISO_8859_1);

            // asserted piecewise: a failure message holding the whole line would be unreadable
            assertThat(text.indexOf("***")).as("mask at %d", at).isEqualTo(at);
            assertThat(text.length()).isEqualTo(300_000 - 4);
            assertThat(text.contains("hunter2")).isFalse();
        }
    }

    @Test
    void aValueOfSeveralLinesIsMaskedLineByLine() throws IOException {
        String key = "-----BEGIN KEY-----\nMIIBOgIBAAJBAK\n-----END KEY-----";

        String text = new String(masked(List.of(key), ("key:\n" + key + "\n").getBytes(UTF_8), 5), UTF_8);

        assertThat(text).isEqualTo("key:\n***\n***\n***\n");
    }

    @Test
    void overlappingValuesAreMaskedAsOneRun() throws IOException {
        String text = new String(masked(List.of("abc", "cdef", ""), "xabcdefx abcx".getBytes(UTF_8), 3), UTF_8);

        assertThat(text).isEqualTo("x***x ***x");
    }

    @Test
    void theResultDoesNotDependOnHowTheOutputIsCut() throws IOException {
        List<String> secrets = List.of("abab", "bba", "ab\nba");
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            byte[] output = new byte[random.nextInt(200)];
            for (int i = 0; i < output.length; i++) {
                output[i] = (byte) "abx\n".charAt(random.nextInt(4));
            }
            String whole = new String(masked(secrets, output, Math.max(1, output.length)), UTF_8);

            assertThat(new String(masked(secrets, output, 1 + random.nextInt(7)), UTF_8)).isEqualTo(whole);
            assertThat(whole).doesNotContain("abab").doesNotContain("bba");
        }
    }

    @Test
    void messagesAreMaskedToo() {
        assertThat(new SecretMask(List.of("hunter2")).apply("bad value hunter2")).isEqualTo("bad value ***");
    }

    /** Writes {@code output} in reads of {@code chunk} bytes, as the pipe might deliver it. */
    private static byte[] masked(List<String> secrets, byte[] output, int chunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (SecretMask.Masking masking = new SecretMask(secrets).over(sink)) {
            for (int at = 0; at < output.length; at += chunk) {
                masking.write(output, at, Math.min(chunk, output.length - at));
                masking.flush();
            }
        }
        return sink.toByteArray();
    }
}
