package io.vigil.logs.task;

import static io.vigil.outbox.BatchSql.texts;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.vigil.events.payload.LogLines;
import io.vigil.logs.tail.Checkpoint;
import io.vigil.logs.tail.TailedLine;
import io.vigil.outbox.BatchSql;
import io.vigil.outbox.EventOutbox;

/**
 * Records a task's new lines, the checkpoint its reading goes on from, and the events announcing the lines, in
 * one transaction: what is stored, where reading resumes and what reaches Kafka never disagree, even after
 * kill -9. Lines that would leave a gap in the task's sequence, or repeat a line, are refused.
 */
@ApplicationScoped
public class LineRecorder {

    /** Text bytes per {@code io.vigil.log.lines} event at most: well under Kafka's 1 MB default request size. */
    static final int EVENT_TEXT_BYTES = 256 * 1024;

    private final EventOutbox outbox;
    private final Clock clock;

    LineRecorder(EventOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Where the task's reading goes on from; empty for a task never recorded. */
    @Transactional
    public Optional<Checkpoint> checkpoint(String taskId) {
        return LogTask.<LogTask>findByIdOptional(taskId).map(LogTask::checkpoint);
    }

    /** Appends {@code lines}, the next ones of the task's sequence, and moves its checkpoint to {@code checkpoint}. */
    @Transactional
    public void record(String taskId, String path, List<TailedLine> lines, Checkpoint checkpoint) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps: history equals live
        LogTask task = LogTask.locked(taskId).orElseGet(() -> {
            LogTask created = LogTask.create(taskId, path, now);
            created.persist();
            return created;
        });
        checkSequence(task, lines, checkpoint);
        insert(taskId, lines, now);
        task.moveTo(checkpoint, now);
        List<EventOutbox.Draft> events = new ArrayList<>();
        batches(lines).forEach(batch -> events.add(new EventOutbox.Draft(taskId, now, new LogLines(taskId,
                batch.stream().map(line -> new LogLines.Line(line.number(), now, null, line.text(), null, null, null))
                        .toList()))));
        outbox.publish(events);
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

    private static void insert(String taskId, List<TailedLine> lines, Instant now) {
        if (lines.isEmpty()) {
            return;
        }
        LogTask.getEntityManager().flush(); // the task row first: the lines reference it
        BatchSql.run(LogTask.getEntityManager(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO log_line (task_id, line, time, text)
                    SELECT ?, line::bigint, ?::timestamptz, text FROM unnest(?::text[], ?::text[]) AS l(line, text)""")) {
                statement.setString(1, taskId);
                statement.setString(2, now.toString());
                statement.setArray(3, texts(connection, lines.stream().map(TailedLine::number).toList()));
                statement.setArray(4, texts(connection, lines.stream().map(TailedLine::text).toList()));
                return statement.executeUpdate();
            }
        });
    }

    /** Consecutive lines in groups of at most EVENT_TEXT_BYTES of text (a longer line alone in its group). */
    static List<List<TailedLine>> batches(List<TailedLine> lines) {
        List<List<TailedLine>> batches = new ArrayList<>();
        List<TailedLine> batch = new ArrayList<>();
        long bytes = 0;
        for (TailedLine line : lines) {
            long size = line.text().getBytes(StandardCharsets.UTF_8).length;
            if (!batch.isEmpty() && bytes + size > EVENT_TEXT_BYTES) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(line);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
