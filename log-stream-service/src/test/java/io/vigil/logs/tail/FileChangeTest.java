package io.vigil.logs.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.logs.tail.FileChange.Grown;
import io.vigil.logs.tail.FileChange.Missing;
import io.vigil.logs.tail.FileChange.Replaced;
import io.vigil.logs.tail.FileChange.Truncated;
import io.vigil.logs.tail.FileChange.Unchanged;

class FileChangeTest {

    private static final String FIRST_LINES = "banner v1\nline 1\nline 2\n";
    private static final int MAX_INODE_REUSE_ATTEMPTS = 1000;

    @TempDir
    Path dir;
    @TempDir
    Path outside;

    private Path log;
    private FileIdentity checkpointed;
    private long position;

    @BeforeEach
    void checkpointAfterTheFirstLines() throws IOException {
        log = write("app.log", FIRST_LINES);
        checkpointed = FileIdentity.of(log);
        position = Files.size(log);
    }

    @Test
    void untouchedFileIsUnchangedAtThePosition() throws IOException {
        assertThat(classify()).isEqualTo(new Unchanged(position));
    }

    @Test
    void appendingIsGrownFromThePosition() throws IOException {
        append(log, "line 3\n");

        assertThat(classify()).isEqualTo(new Grown(position));
    }

    @Test
    void truncationToZeroIsTruncated() throws IOException {
        write("app.log", "");

        assertThat(classify()).isEqualTo(new Truncated());
    }

    @Test
    void truncatedThenWrittenPastTheOldSizeWithOtherContentIsTruncated() throws IOException {
        write("app.log", "banner v2\n" + "x".repeat(100) + "\n");

        assertThat(Files.size(log)).isGreaterThan(position);
        assertThat(FileIdentity.of(log).sameFile(checkpointed)).isTrue();
        assertThat(classify()).isEqualTo(new Truncated());
    }

    @Test
    void truncatedThenWrittenAgainWithTheSameHeadButShorterIsTruncated() throws IOException {
        write("app.log", "banner v1\nline 1\n");

        assertThat(classify()).isEqualTo(new Truncated());
    }

    @Test
    void rewrittenInPlaceWithTheSameSizeButAnotherHeadIsTruncated() throws IOException {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.write(UTF_8.encode("BANNER"), 0);
        }

        assertThat(Files.size(log)).isEqualTo(position);
        assertThat(classify()).isEqualTo(new Truncated());
    }

    @Test
    void positionPastTheEndIsTruncated() throws IOException {
        assertThat(FileChange.classify(checkpointed, position + 1, log)).isEqualTo(new Truncated());
    }

    @Test
    void renameAndCreateIsReplacedAndTheRenamedFileIsFoundByInode() throws IOException {
        Path rotated = Files.move(log, dir.resolve("app.log.1"));
        append(rotated, "line 3 written before the rotation\n");
        Path olderWithSameBanner = write("app.log.2", FIRST_LINES);
        Files.setLastModifiedTime(olderWithSameBanner, FileTime.from(Instant.now().plusSeconds(60)));
        write("app.log", "banner v1\n");

        assertThat(classify()).isEqualTo(new Replaced());
        assertThat(findRotated()).contains(rotated);
    }

    @Test
    void renamedWithoutANewFileYetIsMissingAndTheRenamedFileIsFound() throws IOException {
        Path rotated = Files.move(log, dir.resolve("app.log.1"));

        assertThat(classify()).isEqualTo(new Missing());
        assertThat(findRotated()).contains(rotated);
    }

    @Test
    void deleteAndCreateIsReplacedWithNothingLeftToFind() throws IOException {
        // Held open, as by the tailer, the deleted file keeps its inode: the new file cannot reuse it.
        try (FileChannel held = FileChannel.open(log, StandardOpenOption.READ)) {
            Files.delete(log);
            write("app.log", "other content\n");

            assertThat(classify()).isEqualTo(new Replaced());
            assertThat(findRotated()).isEmpty();
        }
    }

    @Test
    void copytruncateIsTruncatedAndTheCopyIsFoundByHead() throws IOException {
        append(log, "line 3 written before the copy\n");
        Path copy = Files.copy(log, dir.resolve("app.log.1"));
        Path olderCopy = write("app.log.2", FIRST_LINES);
        Files.setLastModifiedTime(olderCopy, FileTime.from(Instant.now().minusSeconds(3600)));
        write("app.log", "banner v1\n");

        assertThat(classify()).isEqualTo(new Truncated());
        assertThat(findRotated()).contains(copy);
    }

    @Test
    void theTailedFileIsNeverFoundAsItsOwnRotationEvenWithTheSameHead() throws IOException {
        write("app.log", FIRST_LINES + "new line after a truncation\n");

        assertThat(checkpointed.headStillMatches(log)).isTrue();
        assertThat(findRotated()).isEmpty();
    }

    @Test
    void aReusedInodeWithAnotherHeadIsNeverTheCheckpointedFile() throws IOException {
        String otherContent = "other content, longer than the checkpointed file was\n";
        Files.delete(log);
        boolean reused = createFilesUntilInodeIsReused(otherContent).map(file -> move(file, log)).isPresent();
        if (!reused) {
            // The filesystem did not hand the inode out again soon: fake the reuse with a checkpoint on the new inode.
            FileIdentity other = FileIdentity.of(write("app.log", otherContent));
            checkpointed = new FileIdentity(other.device(), other.inode(), checkpointed.headLength(),
                    checkpointed.headHash());
        }

        assertThat(FileIdentity.of(log).sameFile(checkpointed)).isTrue();
        assertThat(Files.size(log)).isGreaterThan(position);
        assertThat(classify()).isEqualTo(new Truncated());
        assertThat(FileChange.findRotated(checkpointed, dir, outside.resolve("tailed-elsewhere.log"))).isEmpty();
    }

    @Test
    void nothingAtThePathIsMissing() throws IOException {
        Files.delete(log);

        assertThat(classify()).isEqualTo(new Missing());
        assertThat(findRotated()).isEmpty();
    }

    @Test
    void emptyFileIsUnchangedAtZeroThenGrown() throws IOException {
        Path empty = write("empty.log", "");
        FileIdentity emptyIdentity = FileIdentity.of(empty);

        assertThat(FileChange.classify(emptyIdentity, 0, empty)).isEqualTo(new Unchanged(0));
        append(empty, "first line\n");
        assertThat(FileChange.classify(emptyIdentity, 0, empty)).isEqualTo(new Grown(0));
    }

    @Test
    void anEmptyHeadIsNoEvidenceForACopy() throws IOException {
        Path empty = write("empty.log", "");
        FileIdentity emptyIdentity = FileIdentity.of(empty);
        write("unrelated.log", "not a copy of empty.log\n");

        assertThat(FileChange.findRotated(emptyIdentity, dir, empty)).isEmpty();
    }

    @Test
    void shortFileThatGrowsPastHeadBytesIsStillGrown() throws IOException {
        assertThat(checkpointed.headLength()).isLessThan(FileIdentity.HEAD_BYTES);

        append(log, "y".repeat(3 * FileIdentity.HEAD_BYTES));

        assertThat(classify()).isEqualTo(new Grown(position));
    }

    @Test
    void symlinkPointingOutsideTheDirectoryIsIgnored() throws IOException {
        Path movedOutside = Files.move(log, outside.resolve("app.log.1"));
        Path link = Files.createSymbolicLink(dir.resolve("app.log.1"), movedOutside);
        write("app.log", "new content\n");

        assertThat(FileIdentity.of(link).sameFile(checkpointed)).isTrue();
        assertThat(findRotated()).isEmpty();
        Files.delete(link); // spares JUnit's warning about a link leading out of its temp directory
    }

    @Test
    void filesInSubdirectoriesAreNotSearched() throws IOException {
        Path subdirectory = Files.createDirectory(dir.resolve("old"));
        Files.move(log, subdirectory.resolve("app.log.1"));

        assertThat(findRotated()).isEmpty();
    }

    private FileChange classify() throws IOException {
        return FileChange.classify(checkpointed, position, log);
    }

    private Optional<Path> findRotated() throws IOException {
        return FileChange.findRotated(checkpointed, dir, log);
    }

    /** Creates files until one gets the checkpointed inode back; bounded, as not every filesystem reuses quickly. */
    private Optional<Path> createFilesUntilInodeIsReused(String content) throws IOException {
        for (int attempt = 0; attempt < MAX_INODE_REUSE_ATTEMPTS; attempt++) {
            Path candidate = write("filler-" + attempt + ".log", content);
            if (FileIdentity.of(candidate).sameFile(checkpointed)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void append(Path file, String content) throws IOException {
        Files.writeString(file, content, APPEND);
    }

    private static Path move(Path from, Path to) {
        try {
            return Files.move(from, to);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
