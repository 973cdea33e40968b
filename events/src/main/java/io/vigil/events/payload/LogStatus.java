package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;

import io.vigil.events.Status;

/**
 * A log task started, got further or ended. Subject: the task id. {@code lines} is the number of the last line
 * so far; {@code progress} (0–100), {@code step}/{@code steps} and {@code stepText} are what its lines reported;
 * {@code masked} counts the secrets masked in them. A task is {@code success} or {@code failed} only once its
 * log was read to the end.
 */
public record LogStatus(String taskId, Status status, long lines, Instant finishedAt, String kind, Integer progress,
        Integer step, Integer steps, String stepText, Integer exitCode, long masked, Instant startedAt) {

    public LogStatus {
        requiredText(taskId, "task_id");
        required(status, "status");
    }
}
