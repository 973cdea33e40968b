package io.vigil.ingest.domain;

import java.time.Instant;
import java.util.List;

import io.vigil.events.Status;

/** A validated report of a deployment's state, whatever format its sender used. */
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
        List<StepReport> steps) {

    /** One step as reported, in the sender's order. */
    public record StepReport(String name, Status status) {
    }
}
