package io.vigil.ingest.api;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One step of a deployment reported as it starts or ends. The deployment is found as the full webhook finds it:
 * by the sender's {@code deployment_id}, else by project, commit and trigger.
 */
@Schema(description = "A live report of one deployment step")
public record StepWebhook(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
        String project,
        @Size(max = 200) String deploymentId,
        @Size(max = 100) String commitHash,
        @Size(max = 200) String triggeredBy,
        @NotBlank @Size(max = 200) String step,
        @NotBlank @Schema(example = "running") String status,
        Instant startedAt,
        Instant finishedAt,
        @Size(max = 10_000) String error,
        @Size(max = 2000) String logUrl,
        Instant timestamp) {
}
