package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;

import io.vigil.events.Status;

/** A log task started, ended or failed. Subject: the task id. {@code lines} is the number of the last line so far. */
public record LogStatus(String taskId, Status status, long lines, Instant finishedAt) {

    public LogStatus {
        requiredText(taskId, "task_id");
        required(status, "status");
    }
}
