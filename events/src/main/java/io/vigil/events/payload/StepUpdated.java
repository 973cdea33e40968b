package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;

import io.vigil.events.Status;

/** One step of a deployment started or ended. Subject: the project name. */
public record StepUpdated(
        String deploymentId,
        String project,
        String name,
        String stepType,
        Status status,
        Instant reportedAt) {

    public StepUpdated {
        requiredText(deploymentId, "deployment_id");
        requiredText(project, "project");
        requiredText(name, "name");
        requiredText(stepType, "step_type");
        required(status, "status");
        required(reportedAt, "reported_at");
    }
}
