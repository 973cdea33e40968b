package io.vigil.logs.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class FileIdentityTest {

    private static final String EMPTY_INPUT_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path dir;

    @Test
    void identityOfAFileLongerThanTheHeadIsStableAsItGrows() throws IOException {
        Path log = write("app.log", bytes('a', FileIdentity.HEAD_BYTES + 10));
        FileIdentity before = FileIdentity.of(log);

        Files.write(log, bytes('b', 5000), APPEND);

        assertThat(FileIdentity.of(log)).isEqualTo(before);
    }

    @Test
    void headLengthIsTheSizeOfAShortFile() throws IOException {
        Path log = write("app.log", "started\n".getBytes(UTF_8));

        assertThat(FileIdentity.of(log).headLength()).isEqualTo(8);
    }

    @Test
    void headLengthIsCappedAtHeadBytes() throws IOException {
        Path log = write("app.log", bytes('a', 3 * FileIdentity.HEAD_BYTES));

        assertThat(FileIdentity.of(log).headLength()).isEqualTo(FileIdentity.HEAD_BYTES);
    }

    @Test
    void emptyFileHasAnEmptyHeadWithTheEmptyInputHash() throws IOException {
        FileIdentity identity = FileIdentity.of(write("app.log", new byte[0]));

        assertThat(identity.headLength()).isZero();
        assertThat(identity.headHash()).isEqualTo(EMPTY_INPUT_SHA256);
    }

    @Test
    void bytesAfterTheHeadDoNotChangeTheHash() throws IOException {
        byte[] banner = bytes('=', FileIdentity.HEAD_BYTES);
        FileIdentity first = FileIdentity.of(write("a.log", concat(banner, "first\n")));
        FileIdentity second = FileIdentity.of(write("b.log", concat(banner, "second\n")));

        assertThat(first.sameHead(second)).isTrue();
        assertThat(first.sameFile(second)).as("same banner, yet two files").isFalse();
    }

    @Test
    void differentHeadsDoNotMatch() throws IOException {
        FileIdentity first = FileIdentity.of(write("a.log", "first\n".getBytes(UTF_8)));
        FileIdentity second = FileIdentity.of(write("b.log", "other\n".getBytes(UTF_8)));

        assertThat(first.sameHead(second)).isFalse();
    }

    @Test
    void headsOfDifferentLengthsAreNotComparedByHash() throws IOException {
        Path log = write("app.log", "started\n".getBytes(UTF_8));
        FileIdentity shortHead = FileIdentity.of(log);
        Files.write(log, "more\n".getBytes(UTF_8), APPEND);

        assertThat(shortHead.sameHead(FileIdentity.of(log))).isFalse();
        assertThat(shortHead.headStillMatches(log)).isTrue();
    }

    @Test
    void aHardLinkIsTheSameFile() throws IOException {
        Path log = write("app.log", "started\n".getBytes(UTF_8));
        Path link = Files.createLink(dir.resolve("app.log.link"), log);

        assertThat(FileIdentity.of(link).sameFile(FileIdentity.of(log))).isTrue();
        assertThat(FileIdentity.of(write("other.log", "started\n".getBytes(UTF_8))).sameFile(FileIdentity.of(log)))
                .isFalse();
    }

    @Test
    void headOfAShortFileStillMatchesAfterItGrowsPastHeadBytes() throws IOException {
        Path log = write("app.log", "started\n".getBytes(UTF_8));
        FileIdentity checkpointed = FileIdentity.of(log);

        Files.write(log, bytes('x', 2 * FileIdentity.HEAD_BYTES), APPEND);

        assertThat(checkpointed.headStillMatches(log)).isTrue();
        assertThat(FileIdentity.of(log).headLength()).isEqualTo(FileIdentity.HEAD_BYTES);
    }

    /** Shorter than the head now, or the head's bytes changed. */
    @ParameterizedTest
    @ValueSource(strings = {"start", "STARTED\n"})
    void headNoLongerMatchesOnceTheFileIsShorterOrItsBytesChange(String rewritten) throws IOException {
        Path log = write("app.log", "started\n".getBytes(UTF_8));
        FileIdentity checkpointed = FileIdentity.of(log);

        write("app.log", rewritten.getBytes(UTF_8));

        assertThat(checkpointed.headStillMatches(log)).isFalse();
    }

    @Test
    void hashHeadIsEmptyWhenTheFileIsShorterThanAsked() throws IOException {
        Path log = write("app.log", "started\n".getBytes(UTF_8));

        assertThat(FileIdentity.hashHead(log, 9)).isEmpty();
        assertThat(FileIdentity.hashHead(log, 8)).contains(FileIdentity.of(log).headHash());
        assertThat(FileIdentity.hashHead(log, 0)).contains(EMPTY_INPUT_SHA256);
    }

    @Test
    void identityOfAnOpenChannelMatchesThePathAndLeavesItsPositionAlone() throws IOException {
        Path log = write("app.log", bytes('a', 2 * FileIdentity.HEAD_BYTES));
        FileIdentity byPath = FileIdentity.of(log);

        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            channel.position(100);
            FileIdentity byChannel = FileIdentity.of(channel, byPath.device(), byPath.inode());

            assertThat(byChannel).isEqualTo(byPath);
            assertThat(byPath.headStillMatches(channel)).isTrue();
            assertThat(channel.position()).isEqualTo(100);
        }
    }

    @Test
    void identifyingAMissingFileFails() {
        assertThatThrownBy(() -> FileIdentity.of(dir.resolve("missing.log"))).isInstanceOf(NoSuchFileException.class);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] bytes(char value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] concat(byte[] head, String tail) {
        byte[] tailBytes = tail.getBytes(UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + tailBytes.length);
        System.arraycopy(tailBytes, 0, all, head.length, tailBytes.length);
        return all;
    }
}
