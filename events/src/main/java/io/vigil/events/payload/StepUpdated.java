package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;

import io.vigil.events.Status;

/**
 * One step of a deployment started or ended. Subject: the project name. {@code startedAt}, {@code finishedAt}
 * and {@code error} are there when the sender reported them or they follow from the status changes seen.
 */
public record StepUpdated(
        String deploymentId,
        String project,
        String name,
        String stepType,
        Status status,
        Instant reportedAt,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    public StepUpdated {
        requiredText(deploymentId, "deployment_id");
        requiredText(project, "project");
        requiredText(name, "name");
        requiredText(stepType, "step_type");
        required(status, "status");
        required(reportedAt, "reported_at");
    }

    /** A step event without timing or error. */
    public StepUpdated(String deploymentId, String project, String name, String stepType, Status status, Instant reportedAt) {
        this(deploymentId, project, name, stepType, status, reportedAt, null, null, null);
    }
}
