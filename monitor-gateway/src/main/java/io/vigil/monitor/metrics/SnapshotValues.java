package io.vigil.monitor.metrics;

import java.util.Map;
import java.util.TreeMap;

import io.vigil.monitor.metrics.MetricsReport.PipelineMetrics;
import io.vigil.monitor.metrics.MetricsReport.ProjectMetrics;
import io.vigil.monitor.metrics.MetricsReport.TaskMetrics;

/**
 * A report as the values of an {@code io.vigil.metrics.snapshot}, named like Prometheus series: totals without
 * labels ({@code deployments_total}), then per project, pipeline or endpoint with one
 * ({@code deployments_total{project="demo-app"}}). A value with nothing behind it (no finished deployment) is left out.
 */
public final class SnapshotValues {

    private SnapshotValues() {
    }

    public static Map<String, Double> of(MetricsReport report) {
        Map<String, Double> values = new TreeMap<>();
        values.put("deployments_total", sum(report, ProjectMetrics::deploymentsTotal));
        values.put("deployments_succeeded_total", sum(report, ProjectMetrics::deploymentsSucceeded));
        values.put("deployments_failed_total", sum(report, ProjectMetrics::deploymentsFailed));
        values.put("deployments_in_progress", sum(report, ProjectMetrics::inProgress));
        for (ProjectMetrics project : report.projects()) {
            String label = label("project", project.project());
            values.put("deployments_total" + label, (double) project.deploymentsTotal());
            values.put("deployments_succeeded_total" + label, (double) project.deploymentsSucceeded());
            values.put("deployments_failed_total" + label, (double) project.deploymentsFailed());
            values.put("deployments_in_progress" + label, (double) project.inProgress());
            putPresent(values, "deployment_success_ratio" + label, project.successRate());
            putPresent(values, "deployment_duration_seconds_avg" + label, project.durationAvgSeconds());
            putPresent(values, "deployment_duration_seconds_p90" + label, project.durationP90Seconds());
        }
        for (PipelineMetrics pipeline : report.pipelines()) {
            String label = label("pipeline", pipeline.pipeline());
            values.put("runs_total" + label, (double) pipeline.runsTotal());
            values.put("runs_succeeded_total" + label, (double) pipeline.runsSucceeded());
            values.put("runs_failed_total" + label, (double) pipeline.runsFailed());
            values.put("runs_running" + label, (double) pipeline.running());
            values.put("runs_queued" + label, (double) pipeline.queued());
            putPresent(values, "run_success_ratio" + label, pipeline.successRate());
            putPresent(values, "run_duration_seconds_avg" + label, pipeline.durationAvgSeconds());
            putPresent(values, "run_duration_seconds_p90" + label, pipeline.durationP90Seconds());
        }
        values.put("log_lines_per_second", report.tasks().stream().mapToDouble(TaskMetrics::linesPerSecond).sum());
        values.put("log_error_lines_per_second",
                report.tasks().stream().mapToDouble(TaskMetrics::errorLinesPerSecond).sum());
        report.gateway().connections().forEach((endpoint, count) -> values.put(
                "gateway_connections" + label("endpoint", endpoint), (double) count));
        values.put("gateway_messages_sent_total", (double) report.gateway().messagesSent());
        values.put("gateway_messages_sent_per_second", report.gateway().messagesSentPerSecond());
        values.put("gateway_lagging_disconnects_total", (double) report.gateway().laggingDisconnects());
        return values;
    }

    private static double sum(MetricsReport report, java.util.function.ToLongFunction<ProjectMetrics> field) {
        return report.projects().stream().mapToLong(field).sum();
    }

    private static void putPresent(Map<String, Double> values, String name, Double value) {
        if (value != null) {
            values.put(name, value);
        }
    }

    /** {@code {name="value"}}, the value escaped as the Prometheus text format does. */
    static String label(String name, String value) {
        return "{" + name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
    }
}
