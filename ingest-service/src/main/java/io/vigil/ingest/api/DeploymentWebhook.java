package io.vigil.ingest.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The deployment webhook body exactly as existing deploy scripts send it. {@code step_details} maps
 * step names, in the order the steps run, to a status word or to an object with the step's times.
 */
@Schema(description = "A deployment report from a deploy script")
public record DeploymentWebhook(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters")
        String project,
        @Size(max = 500) String repository,
        @Size(max = 300) String branch,
        @Size(max = 100) String commitHash,
        @NotBlank @Schema(example = "success", description = "pending, running, success, failed, skipped, cancelled (and the usual synonyms)")
        String status,
        @Size(max = 200) String triggeredBy,
        @Size(max = 100) String triggerType,
        @Size(max = 100) String deployType,
        @Size(max = 1000) String deployPath,
        @Size(max = 2000) String testUrl,
        @Size(max = 10_000) String message,
        Instant timestamp,
        @Size(max = 100)
        @Schema(description = "step name → status word, or → {status, started_at, finished_at, error, log_url, log_excerpt}")
        Map<String, JsonNode> stepDetails,
        @Size(max = 200) @Schema(description = "the sender's own id for the deployment; reports with the same id update it")
        String deploymentId,
        @PositiveOrZero Long durationMs,
        @Schema(description = "the Vigil id of the deployment this one rolls back; counts that one as a failed change")
        UUID rollbackOf,
        @Size(max = 2000) String reason,
        @Schema(description = "when the deployed commit was made; gives the DORA lead time for changes")
        Instant commitTime) {
}
