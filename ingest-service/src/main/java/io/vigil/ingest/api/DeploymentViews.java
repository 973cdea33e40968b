package io.vigil.ingest.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.vigil.events.Status;
import io.vigil.ingest.domain.Deployment;
import io.vigil.ingest.domain.DeploymentStep;
import io.vigil.ingest.domain.Project;

/** The JSON shapes of the read API. */
public final class DeploymentViews {

    private DeploymentViews() {
    }

    public record ProjectView(String name, String repository, String type, String deployPath, String testUrl,
            Status lastStatus, String lastDeploymentId, Instant lastDeployedAt, Instant createdAt) {

        static ProjectView of(Project p) {
            return new ProjectView(p.name, p.repository, p.type, p.deployPath, p.testUrl, p.lastStatus,
                    p.lastDeploymentId.toString(), p.lastDeployedAt, p.createdAt);
        }
    }

    public record DeploymentSummary(String id, String project, String repository, String branch, String commitHash,
            Status status, String triggeredBy, String triggerType, String deployType, String message,
            Instant reportedAt, Instant receivedAt, Instant updatedAt, Instant startedAt, Instant finishedAt,
            Long durationMs, String rollbackOf, String rollbackReason) {

        static DeploymentSummary of(Deployment d) {
            return new DeploymentSummary(d.id.toString(), d.project, d.repository, d.branch, d.commitHash, d.status,
                    d.triggeredBy, d.triggerType, d.deployType, d.message, d.reportedAt, d.receivedAt, d.updatedAt,
                    d.startedAt, d.finishedAt, d.finishedAt == null ? null : Duration.between(d.startedAt, d.finishedAt).toMillis(),
                    d.rollbackOf == null ? null : d.rollbackOf.toString(), d.rollbackReason);
        }
    }

    /** A page of deployments, newest first; {@code next} is the cursor of the following page, absent on the last. */
    public record DeploymentPage(List<DeploymentSummary> items, String next) {
    }

    public record StepView(String name, String stepType, Status status, Instant startedAt, Instant finishedAt,
            Long durationMs, String error, String logUrl) {

        static StepView of(DeploymentStep s) {
            Long duration = s.startedAt != null && s.finishedAt != null
                    ? Duration.between(s.startedAt, s.finishedAt).toMillis() : null;
            return new StepView(s.name, s.stepType.wire(), s.status, s.startedAt, s.finishedAt, duration, s.error,
                    s.logUrl);
        }
    }

    /** One deployment with its steps in order; the summary's fields appear at the top level. */
    public record DeploymentView(@JsonUnwrapped DeploymentSummary deployment, String deployPath, String testUrl,
            Integer progressPercent, Instant estimatedFinish, List<StepView> steps) {

        static DeploymentView of(Deployment d) {
            return new DeploymentView(DeploymentSummary.of(d), d.deployPath, d.testUrl, d.progressPercent(),
                    d.estimatedFinish(), d.steps.stream().map(StepView::of).toList());
        }
    }
}
