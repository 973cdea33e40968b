package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;
import java.util.List;

import io.vigil.events.Status;

/**
 * A deployment was reported or changed state. Subject: the project name.
 * Carries the whole current view of the deployment, steps included, so a reader needs no history.
 * {@code rollbackOf} names the deployment this one rolled back, if any.
 */
public record DeploymentUpdated(
        String deploymentId,
        String project,
        String repository,
        String branch,
        String commitHash,
        Status status,
        String triggeredBy,
        String triggerType,
        String deployType,
        String message,
        Instant reportedAt,
        List<StepState> steps,
        String rollbackOf) {

    public DeploymentUpdated {
        requiredText(deploymentId, "deployment_id");
        requiredText(project, "project");
        required(status, "status");
        required(reportedAt, "reported_at");
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A deployment that rolls nothing back. */
    public DeploymentUpdated(String deploymentId, String project, String repository, String branch, String commitHash,
            Status status, String triggeredBy, String triggerType, String deployType, String message, Instant reportedAt,
            List<StepState> steps) {
        this(deploymentId, project, repository, branch, commitHash, status, triggeredBy, triggerType, deployType,
                message, reportedAt, steps, null);
    }

    /** One step of the deployment as last reported; times and error when known. */
    public record StepState(String name, String stepType, Status status, Instant startedAt, Instant finishedAt,
            String error) {
        public StepState {
            requiredText(name, "name");
            requiredText(stepType, "step_type");
            required(status, "status");
        }

        public StepState(String name, String stepType, Status status) {
            this(name, stepType, status, null, null, null);
        }
    }
}
