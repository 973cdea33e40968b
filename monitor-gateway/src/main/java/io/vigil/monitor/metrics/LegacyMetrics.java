package io.vigil.monitor.metrics;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vigil.monitor.metrics.MetricsReport.ProjectMetrics;

/**
 * The metrics in the shapes of the system Vigil replaces, whose clients read accounts: each account is a project.
 * Every legacy field keeps its name; the mapping is in the README ("Metrics").
 */
public final class LegacyMetrics {

    private LegacyMetrics() {
    }

    /**
     * {@code system_metrics}, and the body of {@code GET /api/v1/group-ai/monitor/system}: totals over all projects,
     * plus Vigil's {@code deployments_in_progress} and {@code runs_running}.
     */
    public record SystemMetrics(int totalAccounts, int onlineAccounts, long totalMessages, long totalReplies,
            long totalRedpackets, long totalErrors, double averageReplyTime, long deploymentsInProgress,
            long runsRunning, Instant timestamp) {
    }

    /**
     * One entry of {@code account_metrics} and of {@code GET /api/v1/group-ai/monitor/accounts/metrics}, plus
     * Vigil's {@code success_rate} (absent while nothing finished) and {@code in_progress}.
     */
    public record AccountMetrics(String accountId, long messageCount, long replyCount, long redpacketCount,
            long errorCount, @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastActivity, Double successRate,
            long inProgress) {
    }

    public static SystemMetrics system(MetricsReport report) {
        List<ProjectMetrics> projects = report.projects();
        long finished = projects.stream().mapToLong(ProjectMetrics::deploymentsTotal).sum();
        long timed = projects.stream().filter(p -> p.durationAvgSeconds() != null)
                .mapToLong(ProjectMetrics::deploymentsTotal).sum();
        double weightedSeconds = projects.stream().filter(p -> p.durationAvgSeconds() != null)
                .mapToDouble(p -> p.durationAvgSeconds() * p.deploymentsTotal()).sum();
        return new SystemMetrics(projects.size(),
                (int) projects.stream().filter(p -> Boolean.TRUE.equals(p.healthy())).count(),
                finished,
                projects.stream().mapToLong(ProjectMetrics::deploymentsSucceeded).sum(),
                projects.stream().mapToLong(ProjectMetrics::rollbacks).sum(),
                projects.stream().mapToLong(ProjectMetrics::deploymentsFailed).sum()
                        + report.pipelines().stream().mapToLong(MetricsReport.PipelineMetrics::runsFailed).sum(),
                timed == 0 ? 0.0 : weightedSeconds / timed,
                projects.stream().mapToLong(ProjectMetrics::inProgress).sum(),
                report.pipelines().stream().mapToLong(MetricsReport.PipelineMetrics::running).sum(),
                report.at());
    }

    public static List<AccountMetrics> accounts(MetricsReport report) {
        return report.projects().stream().map(LegacyMetrics::account).toList();
    }

    static AccountMetrics account(ProjectMetrics project) {
        return new AccountMetrics(project.project(), project.deploymentsTotal(), project.deploymentsSucceeded(),
                project.rollbacks(), project.deploymentsFailed(), project.lastActivity(), project.successRate(),
                project.inProgress());
    }
}
