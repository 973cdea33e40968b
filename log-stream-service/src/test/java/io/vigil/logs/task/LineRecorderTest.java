package io.vigil.logs.task;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.LogLines;
import io.vigil.logs.LogTestResources;
import io.vigil.logs.source.LogSource;
import io.vigil.logs.tail.Checkpoint;
import io.vigil.logs.tail.FileTailer;
import io.vigil.logs.tail.TailedLine;
import io.vigil.outbox.OutboxEvent;
import io.vigil.testing.PublishedEvents;
import io.vigil.testing.Schema;

@QuarkusTest
@LogTestResources
class LineRecorderTest {

    @Inject
    LineRecorder recorder;
    @Inject
    AgroalDataSource dataSource;

    @TempDir
    Path dir;

    @Test
    void theSchemaIsMigratedOnTheThrowawayDatabase() {
        assertThat(Schema.databaseName(dataSource)).startsWith("vigil_test_logs_");
        assertThat(Schema.appliedVersions(dataSource)).containsExactly("1", "2", "3", "4");
    }

    @Test
    void linesTheirCheckpointAndTheirEventAreRecordedTogetherAndReachKafka() throws IOException {
        String task = newTask();
        Path log = dir.resolve("step.log");
        Files.writeString(log, "npm install\nadded 3 packages\n", UTF_8);
        FileTailer tailer = new FileTailer(log, recorder.checkpoint(task), 1024);

        record(task, log.toString(), tailer.poll(), tailer.checkpoint());

        assertThat(recorder.checkpoint(task)).contains(tailer.checkpoint());
        List<VigilEvent<?>> events = history(task);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.seq()).as("after the task's first status").isEqualTo(2);
            assertThat(((LogLines) event.data()).lines()).extracting(LogLines.Line::offset, LogLines.Line::text)
                    .containsExactly(tuple(1L, "npm install"),
                            tuple(2L, "added 3 packages"));
        });
        PublishedEvents.assertPublished(events.get(0), Duration.ofSeconds(20));
    }

    @Test
    void aTailerResumedFromTheRecordedCheckpointGoesOnWithoutGapOrRepeat() throws IOException {
        String task = newTask();
        Path log = dir.resolve("step.log");
        Files.writeString(log, "one\ntwo\nthr", UTF_8);
        try (FileTailer first = new FileTailer(log, recorder.checkpoint(task), 1024)) {
            record(task, log.toString(), first.poll(), first.checkpoint());
        }

        Files.writeString(log, "ee\nfour\n", UTF_8, CREATE, APPEND);
        try (FileTailer second = new FileTailer(log, recorder.checkpoint(task), 1024)) {
            record(task, log.toString(), second.poll(), second.checkpoint());
        }

        assertThat(history(task).stream().flatMap(e -> ((LogLines) e.data()).lines().stream())
                .map(LogLines.Line::text)).containsExactly("one", "two", "three", "four");
    }

    @Test
    void linesThatWouldLeaveAGapOrRepeatOneAreRefusedAndNothingIsWritten() {
        String task = newTask();
        record(task, "x.log", List.of(new TailedLine(1, "one")), new Checkpoint(null, 0, 2));

        assertThatThrownBy(() -> record(task, "x.log", List.of(new TailedLine(3, "three")),
                new Checkpoint(null, 0, 4))).isInstanceOf(IllegalStateException.class).hasMessageContaining("gap");
        assertThatThrownBy(() -> record(task, "x.log", List.of(new TailedLine(1, "one again")),
                new Checkpoint(null, 0, 2))).isInstanceOf(IllegalStateException.class);

        assertThat(recorder.checkpoint(task)).contains(new Checkpoint(null, 0, 2));
        assertThat(history(task)).hasSize(1);
    }

    @Test
    void aLargeBatchTravelsInSeveralEventsOfBoundedSize() {
        String task = newTask();
        String text = "x".repeat(100_000);
        List<TailedLine> lines = new ArrayList<>();
        LongStream.rangeClosed(1, 10).forEach(n -> lines.add(new TailedLine(n, text)));

        record(task, "big.log", lines, new Checkpoint(null, 0, 11));

        List<VigilEvent<?>> events = history(task);
        assertThat(events).hasSizeGreaterThan(1);
        assertThat(events).allSatisfy(event -> assertThat(((LogLines) event.data()).lines().stream()
                .mapToLong(line -> line.text().length()).sum()).isLessThanOrEqualTo(LineRecorder.EVENT_TEXT_BYTES));
        assertThat(events.stream().flatMap(e -> ((LogLines) e.data()).lines().stream()).map(LogLines.Line::offset))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    private void record(String task, String path, List<TailedLine> lines, Checkpoint checkpoint) {
        recorder.record(new LineRecorder.Batch(new LogSource.Steps(dir), task, path, lines, checkpoint, false));
    }

    private static String newTask() {
        return UUID.randomUUID() + "/build/1";
    }

    private static List<VigilEvent<?>> history(String task) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.history(task, 0, 100).stream()
                .<VigilEvent<?>>map(OutboxEvent::toEvent).filter(event -> event.data() instanceof LogLines).toList());
    }
}
