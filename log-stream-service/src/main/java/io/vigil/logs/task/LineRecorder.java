package io.vigil.logs.task;

import static io.vigil.outbox.BatchSql.texts;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.events.Status;
import io.vigil.events.payload.LogLines;
import io.vigil.logs.source.LogSource;
import io.vigil.logs.tail.Checkpoint;
import io.vigil.logs.tail.TailedLine;
import io.vigil.outbox.BatchSql;
import io.vigil.outbox.EventOutbox;

/**
 * Records a task's new lines, masked and parsed, the checkpoint its reading goes on from, how far the task got,
 * and the events announcing all this, in one transaction: what is stored, where reading resumes and what reaches
 * Kafka never disagree, even after kill -9. Lines that would leave a gap in the task's sequence, or repeat a
 * line, are refused. A task whose end was reported is finished here once the caller read its log to the end.
 */
@ApplicationScoped
public class LineRecorder {

    /** Text bytes per {@code io.vigil.log.lines} event at most: well under Kafka's 1 MB default request size. */
    static final int EVENT_TEXT_BYTES = 256 * 1024;

    /** New lines of one task read up to {@code checkpoint}; {@code drained} when its reported end may now be recorded. */
    public record Batch(LogSource source, String taskId, String path, List<TailedLine> lines, Checkpoint checkpoint,
            boolean drained) {
    }

    /** Where reading a task's log ({@code path}, of {@code source}) goes on from; nothing is read once it is finished. */
    public record Resume(Checkpoint checkpoint, boolean finished, String source, String path) {
    }

    private final EventOutbox outbox;
    private final LineProcessing processing;
    private final TaskStatusEvents statusEvents;
    private final Clock clock;
    private final MeterRegistry registry;

    LineRecorder(EventOutbox outbox, LineProcessing processing, TaskStatusEvents statusEvents, Clock clock,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.processing = processing;
        this.statusEvents = statusEvents;
        this.clock = clock;
        this.registry = registry;
    }

    /** Where the task's reading goes on from; empty for a task never recorded. */
    @Transactional
    public Optional<Resume> resume(String taskId) {
        return LogTask.<LogTask>findByIdOptional(taskId)
                .map(task -> new Resume(task.checkpoint(), task.finished(), task.source, task.path));
    }

    /** The tasks whose end was reported but whose log was not yet read to the end: after a restart, go on. */
    @Transactional
    public List<String> endedButNotFinished() {
        return LogTask.<LogTask>list("endedAt is not null and finishedAt is null").stream().map(t -> t.id).toList();
    }

    /** Finishes a task whose end was reported and that has no log file to read: its lines are all there are. */
    @Transactional
    public void finishWithoutLog(String taskId) {
        record(new Batch(null, taskId, null, List.of(), checkpointOf(taskId), true));
    }

    private static Checkpoint checkpointOf(String taskId) {
        return LogTask.<LogTask>findByIdOptional(taskId).map(LogTask::checkpoint)
                .orElseThrow(() -> new IllegalStateException("no task " + taskId));
    }

    /** Where the task's reading goes on from; empty for a task never recorded. */
    public Optional<Checkpoint> checkpoint(String taskId) {
        return resume(taskId).map(Resume::checkpoint);
    }

    /** Records several tasks' batches in one transaction: one commit for many files read at once. */
    @Transactional
    public void record(List<Batch> batches) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps: history equals live
        List<EventOutbox.Draft> events = new ArrayList<>();
        for (Batch batch : batches) {
            record(batch, now, events);
        }
        outbox.publish(events);
    }

    @Transactional
    public void record(Batch batch) {
        record(List.of(batch));
    }

    private void record(Batch batch, Instant now, List<EventOutbox.Draft> events) {
        LogTask task = LogTask.locked(batch.taskId()).orElseGet(() -> {
            LogTask created = LogTask.create(batch.taskId(), batch.source().kind(), batch.source().name(), batch.path(),
                    now);
            created.persist();
            events.add(statusEvents.draft(created, now));
            return created;
        });
        if (task.finished()) {
            throw new IllegalStateException("task " + task.id + " is finished: nothing more is recorded for it");
        }
        checkSequence(task, batch.lines(), batch.checkpoint());
        TaskProgress before = task.progress();
        long maskedBefore = task.masked;
        List<LineProcessing.Line> lines = processing.process(task, batch.lines(), now);
        insert(task.id, lines);
        task.moveTo(batch.checkpoint(), now);
        batches(lines).forEach(group -> events.add(new EventOutbox.Draft(task.id, now, new LogLines(task.id,
                group.stream().map(LineProcessing.Line::event).toList()))));
        count(task, lines.size(), task.masked - maskedBefore);
        boolean finishing = batch.drained() && task.endedAt != null;
        if (finishing) {
            finish(task, now);
        }
        if (finishing || !Objects.equals(before, task.progress())) { // the masked count comes with the next one
            events.add(statusEvents.draft(task, now));
        }
    }

    /** Counted in the transaction: a rolled-back batch is read and counted again, an overcount only on failure. */
    private void count(LogTask task, int lines, long masked) {
        if (lines > 0) {
            registry.counter("vigil.logs.lines", "source", task.source).increment(lines);
        }
        if (masked > 0) {
            registry.counter("vigil.logs.secrets.masked", "source", task.source).increment(masked);
        }
    }

    private static void finish(LogTask task, Instant now) {
        Status ended = Status.fromWire(task.endedStatus);
        task.status = ended.wire();
        if (ended == Status.SUCCESS) {
            task.progress(task.progress().succeeded());
        }
        task.finishedAt = now;
    }

    private static void checkSequence(LogTask task, List<TailedLine> lines, Checkpoint checkpoint) {
        long next = task.lines + 1;
        for (TailedLine line : lines) {
            if (line.number() != next++) {
                throw new IllegalStateException("task " + task.id + " has " + task.lines + " lines: line " + line.number()
                        + " would leave a gap or repeat one");
            }
        }
        if (checkpoint.nextLine() != next) {
            throw new IllegalStateException("task " + task.id + ": checkpoint at line " + checkpoint.nextLine()
                    + " after lines up to " + (next - 1));
        }
    }

    private static void insert(String taskId, List<LineProcessing.Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        LogTask.getEntityManager().flush(); // the task row first, as a reader expects it with its lines
        BatchSql.run(LogTask.getEntityManager(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO log_line (task_id, line, time, text, level, progress, step, steps, byte_end)
                    SELECT ?, line::bigint, time::timestamptz, text, level, progress::smallint, step::integer,
                           steps::integer, byte_end::bigint
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         AS l(line, time, text, level, progress, step, steps, byte_end)""")) {
                statement.setString(1, taskId);
                statement.setArray(2, texts(connection, lines.stream().map(LineProcessing.Line::number).toList()));
                statement.setArray(3, texts(connection, lines.stream().map(LineProcessing.Line::time).toList()));
                statement.setArray(4, texts(connection, lines.stream().map(LineProcessing.Line::text).toList()));
                statement.setArray(5, texts(connection, lines.stream().map(LineProcessing.Line::level).toList()));
                statement.setArray(6, texts(connection, lines.stream().map(LineProcessing.Line::progress).toList()));
                statement.setArray(7, texts(connection, lines.stream().map(LineProcessing.Line::step).toList()));
                statement.setArray(8, texts(connection, lines.stream().map(LineProcessing.Line::steps).toList()));
                statement.setArray(9, texts(connection, lines.stream().map(LineProcessing.Line::byteEnd).toList()));
                return statement.executeUpdate();
            }
        });
    }

    /** Consecutive lines in groups of at most EVENT_TEXT_BYTES of text (a longer line alone in its group). */
    static List<List<LineProcessing.Line>> batches(List<LineProcessing.Line> lines) {
        List<List<LineProcessing.Line>> batches = new ArrayList<>();
        List<LineProcessing.Line> batch = new ArrayList<>();
        long bytes = 0;
        for (LineProcessing.Line line : lines) {
            if (!batch.isEmpty() && bytes + line.bytes() > EVENT_TEXT_BYTES) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(line);
            bytes += line.bytes();
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
