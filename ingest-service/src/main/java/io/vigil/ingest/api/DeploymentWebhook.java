package io.vigil.ingest.api;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The deployment webhook body exactly as existing deploy scripts send it. {@code step_details} maps
 * step names to status words, in the order the steps run.
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
        @Size(max = 100) Map<String, String> stepDetails) {
}
