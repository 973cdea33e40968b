package io.vigil.monitor.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The aggregates at one moment, as {@code /ws/metrics} sends them in {@code data} (snake_case). A rate or a duration
 * with nothing behind it yet (no deployment finished) is absent rather than 0.
 */
public record MetricsReport(Instant at, List<ProjectMetrics> projects, List<PipelineMetrics> pipelines,
        List<TaskMetrics> tasks, GatewayMetrics gateway) {

    /** A project's deployments (from deployment.updated and step.updated) and its last health probe. */
    public record ProjectMetrics(String project, long deploymentsTotal, long deploymentsSucceeded,
            long deploymentsFailed, Double successRate, Double durationAvgSeconds, Double durationP90Seconds,
            long inProgress, long rollbacks, Boolean healthy, Instant lastActivity) {
    }

    /** A pipeline's runs (from run.updated): finished ones, running and queued now, and how long they took. */
    public record PipelineMetrics(String pipeline, long runsTotal, long runsSucceeded, long runsFailed,
            Double successRate, long running, long queued, Double durationAvgSeconds, Double durationP90Seconds) {
    }

    /** A log task's lines over the recent window. */
    public record TaskMetrics(String taskId, double linesPerSecond, double errorLinesPerSecond) {
    }

    /** The gateway itself: open WebSockets per endpoint path, messages written, clients dropped for lagging. */
    public record GatewayMetrics(Map<String, Long> connections, double messagesSentPerSecond, long messagesSent,
            long laggingDisconnects) {

        public GatewayMetrics {
            connections = Map.copyOf(connections);
        }
    }

    public MetricsReport {
        projects = List.copyOf(projects);
        pipelines = List.copyOf(pipelines);
        tasks = List.copyOf(tasks);
    }
}
