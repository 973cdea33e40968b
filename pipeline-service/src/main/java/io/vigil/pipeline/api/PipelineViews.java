package io.vigil.pipeline.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** What the pipeline API answers. */
public final class PipelineViews {

    private PipelineViews() {
    }

    /** A pipeline with its current definition. */
    public record PipelineView(UUID id, String name, int version, Instant createdAt, Instant updatedAt,
            JsonNode definition) {
    }

    public record PipelineSummary(UUID id, String name, int version, Instant updatedAt) {
    }

    /** One page, by name; {@code nextAfter} is the {@code after} of the next page, null on the last. */
    public record PipelinePage(List<PipelineSummary> items, String nextAfter) {
    }

    /** One version, with the definition as stored and as its author wrote it. */
    public record VersionView(int version, Instant createdAt, JsonNode definition, String source) {
    }

    public record VersionSummary(int version, Instant createdAt) {
    }
}
