package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;

import io.vigil.events.Status;

/** One step of a pipeline run changed state. Subject: the run id. {@code logTaskId} names the step's log stream. */
public record RunStepUpdated(
        String runId,
        String step,
        Status status,
        Integer exitCode,
        String logTaskId,
        Instant startedAt,
        Instant finishedAt) {

    public RunStepUpdated {
        requiredText(runId, "run_id");
        requiredText(step, "step");
        required(status, "status");
    }
}
