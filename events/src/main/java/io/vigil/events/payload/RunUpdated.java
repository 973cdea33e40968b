package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;

import io.vigil.events.Status;

/** A pipeline run changed state. Subject: the run id. */
public record RunUpdated(
        String runId,
        String pipeline,
        String project,
        Status status,
        Instant startedAt,
        Instant finishedAt) {

    public RunUpdated {
        requiredText(runId, "run_id");
        requiredText(pipeline, "pipeline");
        required(status, "status");
    }
}
