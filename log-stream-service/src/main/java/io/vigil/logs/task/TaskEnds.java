package io.vigil.logs.task;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import io.vigil.events.Status;
import io.vigil.logs.source.LogSource;
import io.vigil.outbox.EventOutbox;

/**
 * Takes the report that a task ended (its process exited, its pipeline step ended) and stores it; the task is
 * finished once its log was read to the end ({@link LogTailing}), never from what the file size suggests. A
 * report for a task never seen (a step that ended before writing any log) creates it, to finish with no lines.
 */
@ApplicationScoped
public class TaskEnds {

    /** A task's end was stored: read its log to the end. */
    record Reported(String taskId) {
    }

    private final Clock clock;
    private final EventOutbox outbox;
    private final Event<Reported> reported;
    private final LogTailing tailing;

    TaskEnds(Clock clock, EventOutbox outbox, Event<Reported> reported, LogTailing tailing) {
        this.clock = clock;
        this.outbox = outbox;
        this.reported = reported;
        this.tailing = tailing;
    }

    /** Stores how {@code taskId} ended; a task whose end is already known keeps its first report. */
    @Transactional
    public void report(String taskId, LogSource source, String path, Status status, Integer exitCode, String error) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LogTask task = LogTask.locked(taskId).orElseGet(() -> {
            LogTask created = LogTask.create(taskId, source.kind(), source.name(), path, now);
            created.persist();
            outbox.publish(taskId, now, TaskStatusEvents.payload(created));
            return created;
        });
        if (task.endedAt != null) {
            return;
        }
        task.endedStatus = status.wire();
        task.endedAt = now;
        task.exitCode = exitCode;
        task.error = error;
        task.updatedAt = now;
        reported.fire(new Reported(taskId));
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Reported report) {
        tailing.ended(report.taskId());
    }
}
