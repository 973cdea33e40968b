package io.vigil.logs.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineSplitterTest {

    private static final int MAX = 16;
    private static final String CUT_MARKER = " [cut: line over 16 bytes]";
    private static final String REPLACEMENT = "\uFFFD";

    private final LineSplitter splitter = new LineSplitter(MAX);

    @Test
    void rejectsMaxLineBytesBelowSixteen() {
        assertThatThrownBy(() -> new LineSplitter(15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLineBytes");
        assertThat(new LineSplitter(16).hasPartial()).isFalse();
    }

    @Test
    void rejectsRangeOutsideTheArray() {
        assertThatThrownBy(() -> splitter.feed(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void splitsPlainLinesWithoutTerminators() {
        assertThat(feed("first\nsecond\nthird\n")).containsExactly("first", "second", "third");
        assertThat(splitter.hasPartial()).isFalse();
        assertThat(splitter.consumedBytes()).isEqualTo(19);
    }

    @Test
    void readsOnlyTheGivenRangeOfTheArray() {
        byte[] bytes = "xxab\ncdyy".getBytes(UTF_8);

        assertThat(splitter.feed(bytes, 2, 5)).containsExactly("ab");
        assertThat(feed("\n")).containsExactly("cd");
        assertThat(splitter.consumedBytes()).isEqualTo(6);
    }

    @Test
    void holdsChunkEndingMidLineUntilItsNewline() {
        assertThat(feed("one\ntw")).containsExactly("one");
        assertThat(splitter.hasPartial()).isTrue();
        assertThat(splitter.consumedBytes()).isEqualTo(4);

        assertThat(feed("o")).isEmpty();
        assertThat(feed("\nthree\n")).containsExactly("two", "three");
        assertThat(splitter.hasPartial()).isFalse();
        assertThat(splitter.consumedBytes()).isEqualTo(14);
    }

    @Test
    void keepsEmptyLines() {
        assertThat(feed("\n\na\n\n")).containsExactly("", "", "a", "");
        assertThat(feed("\r\n")).containsExactly("");
        assertThat(splitter.consumedBytes()).isEqualTo(7);
    }

    @Test
    void dropsCrOfCrlf() {
        assertThat(feed("a\r\nb\r\n")).containsExactly("a", "b");
        assertThat(splitter.consumedBytes()).isEqualTo(6);
    }

    @Test
    void dropsCrOfCrlfSplitAcrossChunks() {
        assertThat(feed("line\r")).isEmpty();
        assertThat(splitter.hasPartial()).isTrue();
        assertThat(splitter.consumedBytes()).isZero();

        assertThat(feed("\nnext")).containsExactly("line");
        assertThat(splitter.consumedBytes()).isEqualTo(6);
    }

    @Test
    void keepsLoneCr() {
        assertThat(feed("a\rb\n\rc\nd\r\r\n")).containsExactly("a\rb", "\rc", "d\r");
        assertThat(feed("e\r")).isEmpty();
        assertThat(feed("f\n")).containsExactly("e\rf");
        assertThat(splitter.consumedBytes()).isEqualTo(15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀"})
    void keepsMultiByteCharacterWholeWhereverTheChunkSplitsIt(String character) {
        byte[] line = ("a" + character + "b\n").getBytes(UTF_8);
        for (int split = 0; split <= line.length; split++) {
            LineSplitter fresh = new LineSplitter(MAX);
            List<String> lines = new ArrayList<>(fresh.feed(line, 0, split));
            lines.addAll(fresh.feed(line, split, line.length - split));

            assertThat(lines).as("split at %d", split).containsExactly("a" + character + "b");
            assertThat(fresh.consumedBytes()).isEqualTo(line.length);
        }
    }

    static Stream<Arguments> invalidBytes() {
        return Stream.of(
                Arguments.of("lone continuation byte", bytes(0x80), REPLACEMENT),
                Arguments.of("byte never used in UTF-8", bytes(0xFF), REPLACEMENT),
                Arguments.of("overlong two-byte NUL", bytes(0xC0, 0x80), REPLACEMENT + REPLACEMENT),
                Arguments.of("overlong three-byte NUL", bytes(0xE0, 0x80, 0x80), REPLACEMENT.repeat(3)),
                Arguments.of("encoded surrogate U+D800", bytes(0xED, 0xA0, 0x80), REPLACEMENT),
                Arguments.of("above U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80), REPLACEMENT.repeat(4)),
                Arguments.of("lead byte followed by ASCII", bytes(0xC3, '('), REPLACEMENT + "("),
                Arguments.of("truncated before the newline", bytes(0xE2, 0x82), REPLACEMENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBytes")
    void replacesInvalidBytesAndKeepsDecoding(String kind, byte[] invalid, String replaced) {
        byte[] line = concat("a".getBytes(UTF_8), invalid, "é\nnext\n".getBytes(UTF_8));

        assertThat(splitter.feed(line, 0, line.length)).containsExactly("a" + replaced + "é", "next");
        assertThat(splitter.consumedBytes()).isEqualTo(line.length);
    }

    @Test
    void doesNotCutLineOfExactlyMaxLineBytes() {
        String line = "x".repeat(MAX);

        assertThat(feed(line + "\n")).containsExactly(line);
        assertThat(splitter.cutLines()).isZero();
        assertThat(splitter.consumedBytes()).isEqualTo(MAX + 1);
    }

    @Test
    void doesNotCutLineOfExactlyMaxLineBytesEndedByCrlfInSeparateChunks() {
        String line = "x".repeat(MAX);

        assertThat(feed(line + "\r")).isEmpty();
        assertThat(feed("\n")).containsExactly(line);
        assertThat(splitter.cutLines()).isZero();
        assertThat(splitter.consumedBytes()).isEqualTo(MAX + 2);
    }

    @Test
    void cutsLineOfMaxLineBytesPlusOneWithMarker() {
        String kept = "x".repeat(MAX);

        assertThat(feed(kept + "y\nnext\n")).containsExactly(kept + CUT_MARKER, "next");
        assertThat(splitter.cutLines()).isEqualTo(1);
        assertThat(splitter.consumedBytes()).isEqualTo(MAX + 7);
    }

    @Test
    void cutsLineMadeTooLongByLoneCr() {
        String kept = "x".repeat(MAX);

        assertThat(feed(kept + "\r")).isEmpty();
        assertThat(feed("z")).containsExactly(kept + CUT_MARKER);
        assertThat(feed("\n")).isEmpty();
        assertThat(splitter.cutLines()).isEqualTo(1);
        assertThat(splitter.consumedBytes()).isEqualTo(MAX + 3);
    }

    @Test
    void cutsVeryLongLineOnceAndKeepsFollowingLineIntact() {
        byte[] chunk = "0123456789".repeat(100).getBytes(UTF_8);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            lines.addAll(splitter.feed(chunk, 0, chunk.length));
        }
        assertThat(lines).containsExactly("0123456789012345" + CUT_MARKER);
        assertThat(splitter.hasPartial()).isFalse();

        assertThat(feed("tail of it\nintact\n")).containsExactly("intact");
        assertThat(splitter.cutLines()).isEqualTo(1);
        assertThat(splitter.consumedBytes()).isEqualTo(1_000_000L + 18);
    }

    @Test
    void reportsCutAsSoonAsTheLimitIsPassed() {
        assertThat(feed("y".repeat(MAX))).isEmpty();
        assertThat(feed("yy")).containsExactly("y".repeat(MAX) + CUT_MARKER);
        assertThat(splitter.consumedBytes()).isEqualTo(MAX + 2);
        assertThat(feed("yyy")).isEmpty();
        assertThat(splitter.consumedBytes()).isEqualTo(MAX + 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀"})
    void cutBacksOffToStartOfSplitCharacter(String character) {
        int characterBytes = character.getBytes(UTF_8).length;
        for (int asciiBefore = MAX - characterBytes + 1; asciiBefore < MAX; asciiBefore++) {
            LineSplitter fresh = new LineSplitter(MAX);
            String prefix = "a".repeat(asciiBefore);

            List<String> lines = feed(fresh, prefix + character + "zz\n");

            assertThat(lines).as("%d bytes before", asciiBefore).containsExactly(prefix + CUT_MARKER);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀"})
    void cutKeepsCharacterEndingExactlyAtTheLimit(String character) {
        String kept = "a".repeat(MAX - character.getBytes(UTF_8).length) + character;

        assertThat(feed(kept + "zz\n")).containsExactly(kept + CUT_MARKER);
    }

    @Test
    void cutStaysAtTheLimitInsideRunOfInvalidContinuationBytes() {
        // Searching back for the lead byte would reach "À" at the start and leave nothing of the line.
        byte[] line = concat("À".getBytes(UTF_8), filled(MAX + 4, 0x80), bytes('\n'));

        assertThat(splitter.feed(line, 0, line.length))
                .containsExactly("À" + REPLACEMENT.repeat(MAX - 2) + CUT_MARKER);
    }

    @Test
    void cutKeepsCompleteCharacterFollowedByStrayContinuationBytes() {
        byte[] line = concat("a".repeat(MAX - 3).getBytes(UTF_8), "é".getBytes(UTF_8), filled(3, 0x80), bytes('\n'));

        assertThat(splitter.feed(line, 0, line.length))
                .containsExactly("a".repeat(MAX - 3) + "é" + REPLACEMENT + CUT_MARKER);
    }

    @Test
    void flushEmitsPartialLineAndSwallowsItsLateNewline() {
        assertThat(feed("done\npart")).containsExactly("done");

        assertThat(splitter.flush()).contains("part");
        assertThat(splitter.hasPartial()).isFalse();
        assertThat(splitter.consumedBytes()).isEqualTo(9);

        assertThat(feed("\nnext\n")).containsExactly("next");
        assertThat(splitter.consumedBytes()).isEqualTo(15);
    }

    @Test
    void flushKeepsTrailingCrAndSwallowsTheLfThatCompletesIt() {
        feed("a\r");

        assertThat(splitter.flush()).contains("a\r");
        assertThat(feed("\n\n")).containsExactly("");
        assertThat(splitter.consumedBytes()).isEqualTo(4);
    }

    @Test
    void newlineAfterFlushIsSwallowedOnlyAsTheVeryNextByte() {
        feed("a");
        splitter.flush();
        assertThat(feed("b\n")).containsExactly("b");

        feed("c");
        splitter.flush();
        assertThat(feed("")).isEmpty();
        assertThat(feed("\n\n")).containsExactly("");
        assertThat(splitter.consumedBytes()).isEqualTo(6);
    }

    @Test
    void flushWithNothingHeldIsEmptyAndSwallowsNothing() {
        feed("a\n");

        assertThat(splitter.flush()).isEmpty();
        assertThat(feed("\n")).containsExactly("");
        assertThat(splitter.consumedBytes()).isEqualTo(3);
    }

    @Test
    void flushOfHeldLineOverTheLimitByItsCrCutsIt() {
        String kept = "x".repeat(MAX);
        feed(kept + "\r");

        assertThat(splitter.flush()).contains(kept + CUT_MARKER);
        assertThat(splitter.cutLines()).isEqualTo(1);
        assertThat(feed("\nnext\n")).containsExactly("next");
        assertThat(splitter.consumedBytes()).isEqualTo(MAX + 7);
    }

    @Test
    void flushWhileDiscardingCutTailIsEmptyAndKeepsDiscarding() {
        feed("x".repeat(MAX + 5));

        assertThat(splitter.flush()).isEmpty();
        assertThat(feed("more tail\nok\n")).containsExactly("ok");
        assertThat(splitter.consumedBytes()).isEqualTo(MAX + 5 + 13);
    }

    @Test
    void randomChunksGiveTheSameLinesAsSplittingTheWholeText() {
        Random random = new Random(20240611L);
        for (int round = 0; round < 200; round++) {
            String text = randomText(random);
            byte[] bytes = text.getBytes(UTF_8);
            LineSplitter chunked = new LineSplitter(1 << 16);

            List<String> lines = feedInRandomChunks(chunked, bytes, random);

            String[] parts = text.split("\n", -1);
            List<String> expected = Arrays.stream(parts, 0, parts.length - 1).map(LineSplitterTest::stripCr).toList();
            String partial = parts[parts.length - 1];
            assertThat(lines).as("round %d", round).isEqualTo(expected);
            assertThat(chunked.consumedBytes()).isEqualTo(bytes.length - partial.getBytes(UTF_8).length);
            assertThat(chunked.flush()).isEqualTo(partial.isEmpty() ? Optional.empty() : Optional.of(partial));
        }
    }

    @Test
    void randomChunksOfHostileBytesBehaveLikeOneChunk() {
        Random random = new Random(42L);
        for (int round = 0; round < 500; round++) {
            byte[] bytes = randomHostileBytes(random);
            LineSplitter whole = new LineSplitter(MAX);
            LineSplitter chunked = new LineSplitter(MAX);

            List<String> expected = whole.feed(bytes, 0, bytes.length);
            List<String> lines = feedInRandomChunks(chunked, bytes, random);

            assertThat(lines).as("round %d", round).isEqualTo(expected);
            assertThat(chunked.cutLines()).isEqualTo(whole.cutLines());
            assertThat(chunked.consumedBytes()).isEqualTo(whole.consumedBytes());
            assertThat(chunked.flush()).isEqualTo(whole.flush());
            assertThat(chunked.consumedBytes()).isEqualTo(whole.consumedBytes());
        }
    }

    private List<String> feed(String text) {
        return feed(splitter, text);
    }

    private static List<String> feed(LineSplitter target, String text) {
        byte[] bytes = text.getBytes(UTF_8);
        return target.feed(bytes, 0, bytes.length);
    }

    private static List<String> feedInRandomChunks(LineSplitter target, byte[] bytes, Random random) {
        List<String> lines = new ArrayList<>();
        int position = 0;
        while (position < bytes.length) {
            int size = Math.min(random.nextInt(24), bytes.length - position);
            lines.addAll(target.feed(bytes, position, size));
            position += size;
        }
        return lines;
    }

    private static String randomText(Random random) {
        String[] pieces = {"a", "Z", " ", "7", "é", "€", "😀", "\r", "\n", "\r\n"};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private static byte[] randomHostileBytes(Random random) {
        byte[][] pieces = {
            bytes('a'), bytes('\n'), bytes('\r'), bytes('\r', '\n'), "é".getBytes(UTF_8), "€".getBytes(UTF_8),
            "😀".getBytes(UTF_8), bytes(0x80), bytes(0xFF), bytes(0xC0, 0x80), bytes(0xED, 0xA0, 0x80),
            bytes(0xF0, 0x9F), "plain words".getBytes(UTF_8)
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int count = random.nextInt(120);
        for (int i = 0; i < count; i++) {
            out.writeBytes(pieces[random.nextInt(pieces.length)]);
        }
        return out.toByteArray();
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private static byte[] filled(int length, int value) {
        byte[] result = new byte[length];
        Arrays.fill(result, (byte) value);
        return result;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
