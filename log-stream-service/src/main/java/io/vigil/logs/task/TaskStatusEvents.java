package io.vigil.logs.task;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.events.payload.LogStatus;
import io.vigil.outbox.EventOutbox;

/** The {@code io.vigil.log.status} event telling where a task stands now. */
@ApplicationScoped
class TaskStatusEvents {

    EventOutbox.Draft draft(LogTask task, Instant now) {
        return new EventOutbox.Draft(task.id, now, payload(task));
    }

    static LogStatus payload(LogTask task) {
        return new LogStatus(task.id, task.state(), task.lines, task.finishedAt, task.kind, task.progress, task.step,
                task.steps, task.stepText, task.exitCode, task.masked, task.startedAt);
    }
}
