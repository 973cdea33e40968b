package io.vigil.ingest.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.vigil.events.Status;

/**
 * A validated report of a deployment's state, whatever format its sender used. {@code senderDeploymentId}
 * is the sender's own id for the deployment, when it gives one; {@code rollbackOf} the Vigil deployment this one
 * rolls back; {@code commitTime} when the deployed commit was made. A null {@code status} (a report of one step) leaves the deployment's status as it was, or running.
 */
public record DeploymentReport(
        String project,
        String repository,
        String branch,
        String commitHash,
        Status status,
        String triggeredBy,
        String triggerType,
        String deployType,
        String deployPath,
        String testUrl,
        String message,
        Instant reportedAt,
        List<StepReport> steps,
        String senderDeploymentId,
        UUID rollbackOf,
        String rollbackReason,
        Instant commitTime) {

    public DeploymentReport {
        steps = List.copyOf(steps);
    }

    /** A report that rolls nothing back. */
    public DeploymentReport(String project, String repository, String branch, String commitHash, Status status,
            String triggeredBy, String triggerType, String deployType, String deployPath, String testUrl,
            String message, Instant reportedAt, List<StepReport> steps, String senderDeploymentId) {
        this(project, repository, branch, commitHash, status, triggeredBy, triggerType, deployType, deployPath,
                testUrl, message, reportedAt, steps, senderDeploymentId, null, null, null);
    }

    /** A report without a sender's deployment id. */
    public DeploymentReport(String project, String repository, String branch, String commitHash, Status status,
            String triggeredBy, String triggerType, String deployType, String deployPath, String testUrl,
            String message, Instant reportedAt, List<StepReport> steps) {
        this(project, repository, branch, commitHash, status, triggeredBy, triggerType, deployType, deployPath,
                testUrl, message, reportedAt, steps, null, null, null, null);
    }

    /** This report, with {@code fallback} as its time when the sender gave none. */
    public DeploymentReport orReportedAt(Instant fallback) {
        return reportedAt != null ? this : new DeploymentReport(project, repository, branch, commitHash, status,
                triggeredBy, triggerType, deployType, deployPath, testUrl, message, fallback, steps, senderDeploymentId,
                rollbackOf, rollbackReason, commitTime);
    }

    /** This report, saying when the deployed commit was made. */
    public DeploymentReport withCommitTime(Instant time) {
        return new DeploymentReport(project, repository, branch, commitHash, status, triggeredBy, triggerType,
                deployType, deployPath, testUrl, message, reportedAt, steps, senderDeploymentId, rollbackOf,
                rollbackReason, time);
    }

    /** One step as reported, in the sender's order; the times, error and log link only when the sender gave them. */
    public record StepReport(String name, Status status, Instant startedAt, Instant finishedAt, String error,
            String logUrl) {

        public StepReport(String name, Status status) {
            this(name, status, null, null, null, null);
        }
    }
}
