package io.vigil.logs.task;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.logs.source.LogSource;
import io.vigil.logs.tail.FileTailer;
import io.vigil.logs.tail.TailedLine;

/** When a line without newline is handed out as it is: only after it alone waited partial-flush-after. */
class TailedFileTest {

    private static final long FLUSH_AFTER = Duration.ofSeconds(2).toNanos();
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @TempDir
    Path dir;

    @Test
    void aPartialLineWaitsFromWhenReadingReachedItNotFromAnEarlierPartialOne() throws IOException {
        Path log = Files.writeString(dir.resolve("1.log"), "abc", UTF_8);
        TailedFile tailed = tailed(log);

        assertThat(texts(tailed.read(1 << 20, FLUSH_AFTER, 0))).isEmpty();
        Files.writeString(log, "def\nxyz", UTF_8, APPEND);
        assertThat(texts(tailed.read(1 << 20, FLUSH_AFTER, (long) (1.5 * SECOND)))).containsExactly("abcdef");
        tailed.recorded();

        assertThat(texts(tailed.read(1 << 20, FLUSH_AFTER, (long) (2.5 * SECOND))))
                .as("xyz waited one second, not two and a half").isEmpty();
        assertThat(texts(tailed.read(1 << 20, FLUSH_AFTER, (long) (3.6 * SECOND)))).containsExactly("xyz");
    }

    @Test
    void aReadTakesAboutItsLimitAndTheRestFollowsWithoutLoss() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Path log = Files.writeString(dir.resolve("2.log"), text, UTF_8);
        TailedFile tailed = tailed(log);

        List<String> first = texts(tailed.read(64 * 1024, FLUSH_AFTER, 0));
        assertThat(tailed.behind()).as("stopped at its limit: read on at once").isTrue();
        tailed.recorded();
        List<String> second = texts(tailed.read(1 << 20, FLUSH_AFTER, 0));
        assertThat(tailed.behind()).isFalse();

        assertThat(first).hasSizeLessThan(20_000).isNotEmpty();
        assertThat(first.size() + second.size()).isEqualTo(20_000);
        assertThat(second.get(second.size() - 1)).isEqualTo("line 20000");
    }

    @Test
    void aPassSharesItsBytesAmongTheOpenFiles() {
        assertThat(LogTailing.readLimit(1)).isEqualTo(LogTailing.MAX_FILE_BYTES);
        assertThat(LogTailing.readLimit(10)).isEqualTo((int) (LogTailing.PASS_BYTES / 10));
        assertThat(LogTailing.readLimit(10_000)).isEqualTo(LogTailing.MIN_FILE_BYTES);
    }

    private TailedFile tailed(Path log) {
        return new TailedFile(new LogSource.Steps(dir), "t", log, new FileTailer(log, Optional.empty(), 1024), 0);
    }

    private static List<String> texts(Optional<LineRecorder.Batch> batch) {
        return batch.map(b -> b.lines().stream().map(TailedLine::text).toList()).orElse(List.of());
    }
}
