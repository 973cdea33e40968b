package io.vigil.logs.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real files in a temporary directory, rotated the ways logrotate and friends do it. */
class FileTailerTest {

    private static final int MAX_LINE = 1024;

    @TempDir
    Path dir;

    private final List<FileTailer> tailers = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (FileTailer tailer : tailers) {
            tailer.close();
        }
    }

    @Test
    void linesAreNumberedAcrossPollsAndAPartialLineWaitsForItsNewline() throws IOException {
        Path log = dir.resolve("app.log");
        FileTailer tailer = tail(log, Optional.empty());
        assertThat(tailer.poll()).isEmpty(); // no file yet

        append(log, "one\ntw");
        assertThat(tailer.poll()).containsExactly(new TailedLine(1, "one"));
        assertThat(tailer.hasPartial()).isTrue();
        append(log, "o\nthree\n");
        assertThat(tailer.poll()).containsExactly(new TailedLine(2, "two"), new TailedLine(3, "three"));
        assertThat(tailer.checkpoint().position()).isEqualTo(Files.size(log));
    }

    @Test
    void aCharacterSplitAcrossTwoWritesStaysWhole() throws IOException {
        Path log = dir.resolve("app.log");
        byte[] euro = "€".getBytes(UTF_8);
        Files.write(log, new byte[] {'a', euro[0], euro[1]});
        FileTailer tailer = tail(log, Optional.empty());
        assertThat(tailer.poll()).isEmpty();

        Files.write(log, new byte[] {euro[2], '\n'}, APPEND);

        assertThat(tailer.poll()).containsExactly(new TailedLine(1, "a€"));
    }

    @Test
    void aRestartFromTheCheckpointNeitherRepeatsNorLosesALine() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "one\ntwo\nthr");
        FileTailer first = tail(log, Optional.empty());
        assertThat(texts(first.poll())).containsExactly("one", "two");
        Checkpoint stored = first.checkpoint();
        first.close();

        append(log, "ee\nfour\n");
        FileTailer second = tail(log, Optional.of(stored));

        assertThat(second.poll()).containsExactly(new TailedLine(3, "three"), new TailedLine(4, "four"));
    }

    @Test
    void aFlushedPartialLineIsHandedOutOnceAndItsNewlineIsNotAnEmptyLine() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "progress 50%");
        FileTailer tailer = tail(log, Optional.empty());
        assertThat(tailer.poll()).isEmpty();

        assertThat(tailer.flushPartial()).contains(new TailedLine(1, "progress 50%"));
        append(log, "\ndone\n");

        assertThat(tailer.poll()).containsExactly(new TailedLine(2, "done"));
    }

    /** The two ways logs are rotated. */
    enum Rotation {
        RENAME_AND_CREATE {
            @Override
            void rotate(Path log) throws IOException {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"));
            }
        },
        COPYTRUNCATE {
            @Override
            void rotate(Path log) throws IOException {
                Files.copy(log, log.resolveSibling(log.getFileName() + ".1"));
                truncate(log);
            }
        };

        abstract void rotate(Path log) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Rotation.class)
    void aRotationWhileTailingReadsTheRestOfTheOldContentThenTheNewFile(Rotation rotation) throws IOException {
        Path log = dir.resolve("app.log");
        FileTailer tailer = tailingAfter(log, "first line of a long enough log\n");

        append(log, "second\nthi");
        rotation.rotate(log);
        append(log, "fourth\n");

        // the old content's unfinished last line is handed out as it is: a rotated file does not grow
        assertThat(tailer.poll()).containsExactly(new TailedLine(2, "second"), new TailedLine(3, "thi"),
                new TailedLine(4, "fourth"));
    }

    @ParameterizedTest
    @EnumSource(Rotation.class)
    void aRotationWhileStoppedIsFoundFromTheCheckpoint(Rotation rotation) throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "first line of a long enough log\n");
        Checkpoint stored = stoppedAfterPolling(log);

        append(log, "second\n");
        rotation.rotate(log);
        append(log, "third\n");

        assertThat(tail(log, Optional.of(stored)).poll()).containsExactly(new TailedLine(2, "second"),
                new TailedLine(3, "third"));
    }

    @Test
    void whileThePathHasNoFileTheRenamedOneIsReadOn() throws IOException {
        Path log = dir.resolve("app.log");
        FileTailer tailer = tailingAfter(log, "one\n");

        Path rotated = dir.resolve("app.log.1");
        Files.move(log, rotated);
        append(rotated, "late\n"); // the writer has not reopened its log yet
        assertThat(texts(tailer.poll())).containsExactly("late");
        append(log, "new\n");

        assertThat(tailer.poll()).containsExactly(new TailedLine(3, "new"));
    }

    @Test
    void aTruncationWhileStoppedThatGrewBackPastTheOldSizeIsReadFromTheStart() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "old one\nold two\n");
        Checkpoint stored = stoppedAfterPolling(log);

        truncate(log);
        append(log, "new one, and longer than the old content was\nnew two\n");

        assertThat(tail(log, Optional.of(stored)).poll()).containsExactly(
                new TailedLine(3, "new one, and longer than the old content was"), new TailedLine(4, "new two"));
    }

    @Test
    void aHugeFileIsReadOnlyFromItsCheckpoint() throws IOException {
        Path log = dir.resolve("big.log");
        append(log, "header\n");
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.setLength(1L << 30); // 1 GiB, sparse: cheap to make, costly to read
        }
        append(log, "\n");
        Checkpoint stored = new Checkpoint(FileIdentity.of(log), Files.size(log), 42);
        append(log, "appended\n");

        FileTailer tailer = tail(log, Optional.of(stored));

        assertThat(tailer.poll()).containsExactly(new TailedLine(42, "appended"));
        assertThat(tailer.bytesRead()).isEqualTo("appended\n".length());
    }

    @Test
    void aDeletedFileStopsTheTailUntilANewOneAppears() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "one\n");
        Checkpoint stored = stoppedAfterPolling(log);
        Files.delete(log);

        FileTailer tailer = tail(log, Optional.of(stored));
        assertThat(tailer.poll()).isEmpty();
        assertThat(tailer.checkpoint()).isEqualTo(new Checkpoint(null, 0, 2));
        append(log, "two\n");

        assertThat(tailer.poll()).containsExactly(new TailedLine(2, "two"));
    }

    /** A tailer that has read {@code content}, the file's first. */
    private FileTailer tailingAfter(Path log, String content) throws IOException {
        append(log, content);
        FileTailer tailer = tail(log, Optional.empty());
        assertThat(tailer.poll()).hasSize((int) content.chars().filter(c -> c == '\n').count());
        return tailer;
    }

    private Checkpoint stoppedAfterPolling(Path log) throws IOException {
        try (FileTailer tailer = new FileTailer(log, Optional.empty(), MAX_LINE)) {
            tailer.poll();
            return tailer.checkpoint();
        }
    }

    private FileTailer tail(Path log, Optional<Checkpoint> from) {
        FileTailer tailer = new FileTailer(log, from, MAX_LINE);
        tailers.add(tailer);
        return tailer;
    }

    private static void append(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(UTF_8), CREATE, APPEND);
    }

    private static void truncate(Path file) throws IOException {
        try (RandomAccessFile open = new RandomAccessFile(file.toFile(), "rw")) {
            open.setLength(0);
        }
    }

    private static List<String> texts(List<TailedLine> lines) {
        return lines.stream().map(TailedLine::text).toList();
    }
}
