package io.vigil.monitor.workflows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vigil.monitor.history.DeploymentClient;

/**
 * The gateway's overview. Counts by status cover the workflows the event log has seen since {@code since} (its
 * retention); the pipeline count and the recent deployments come from their owners. A part whose owner did not
 * answer is null and named in {@code unavailable} with the reason.
 */
public record Stats(Instant generatedAt, Instant since, Pipelines pipelines, Counts runs, Deployments deployments,
        Counts tasks, Connections connections, Map<String, String> unavailable) {

    public record Pipelines(long count) {
    }

    public record Counts(long total, Map<String, Long> byStatus) {

        static Counts of(Map<String, Long> byStatus) {
            return new Counts(byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus);
        }
    }

    /** {@code recent}: the newest deployments as ingest-service has them. */
    public record Deployments(long total, Map<String, Long> byStatus, List<DeploymentClient.Summary> recent) {
    }

    /** Open WebSocket connections of this replica, by endpoint path. */
    public record Connections(long total, Map<String, Long> byEndpoint) {
    }
}
