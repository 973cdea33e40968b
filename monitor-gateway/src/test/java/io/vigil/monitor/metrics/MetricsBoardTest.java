package io.vigil.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vigil.events.EventCodec;
import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.ProjectHealth;
import io.vigil.events.payload.RunUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.monitor.metrics.MetricsReport.GatewayMetrics;
import io.vigil.monitor.metrics.MetricsReport.PipelineMetrics;
import io.vigil.monitor.metrics.MetricsReport.ProjectMetrics;

class MetricsBoardTest {

    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    static final GatewayMetrics NO_GATEWAY = new GatewayMetrics(Map.of(), 0, 0, 0);

    final MetricsBoard board = new MetricsBoard(new MetricsBoard.Limits(1000, 100, Duration.ofSeconds(10)));

    void deployment(String id, Status status, int second) {
        deployment(id, status, second, null);
    }

    void deployment(String id, Status status, int second, String rollbackOf) {
        board.observe(VigilEvent.of("demo", 1, T, new DeploymentUpdated(id, "demo", null, null, null, status, null,
                null, null, null, T.plusSeconds(second), List.of(), rollbackOf)), T);
    }

    void run(String id, Status status, int second, Integer started, Integer finished) {
        board.observe(VigilEvent.of(id, 1, T.plusSeconds(second), new RunUpdated(id, "build", "demo", status,
                started == null ? null : T.plusSeconds(started), finished == null ? null : T.plusSeconds(finished))), T);
    }

    ProjectMetrics demo() {
        return board.report(T, NO_GATEWAY).projects().get(0);
    }

    @Test
    void aProjectWithNothingFinishedHasNoSuccessRateAndNoDurations() {
        deployment("d-1", Status.RUNNING, 0);

        ProjectMetrics demo = demo();
        assertThat(demo.deploymentsTotal()).isZero();
        assertThat(demo.successRate()).isNull();
        assertThat(demo.durationAvgSeconds()).isNull();
        assertThat(demo.durationP90Seconds()).isNull();
        assertThat(demo.inProgress()).isEqualTo(1);
    }

    @Test
    void repeatedAndOutOfOrderReportsOfOneDeploymentCountOnce() {
        deployment("d-1", Status.RUNNING, 0);
        deployment("d-1", Status.SUCCESS, 30);
        deployment("d-1", Status.SUCCESS, 30); // redelivered
        deployment("d-1", Status.RUNNING, 10); // an older report, late

        ProjectMetrics demo = demo();
        assertThat(demo.deploymentsTotal()).isEqualTo(1);
        assertThat(demo.deploymentsSucceeded()).isEqualTo(1);
        assertThat(demo.inProgress()).isZero();
        assertThat(demo.durationAvgSeconds()).isEqualTo(30.0);
        assertThat(demo.successRate()).isEqualTo(1.0);
    }

    @Test
    void aLaterReportThatChangesTheOutcomeMovesTheCountAndKeepsOneDuration() {
        deployment("d-1", Status.RUNNING, 0);
        deployment("d-1", Status.SUCCESS, 20);
        deployment("d-1", Status.FAILED, 40); // e.g. the post-deploy check failed

        ProjectMetrics demo = demo();
        assertThat(demo.deploymentsTotal()).isEqualTo(1);
        assertThat(demo.deploymentsSucceeded()).isZero();
        assertThat(demo.deploymentsFailed()).isEqualTo(1);
        assertThat(demo.successRate()).isEqualTo(0.0);
        assertThat(demo.durationAvgSeconds()).isEqualTo(20.0);
    }

    @Test
    void successRateAverageAndP90AreOverFinishedDeployments() {
        for (int i = 1; i <= 10; i++) {
            deployment("d-" + i, Status.RUNNING, 0);
            deployment("d-" + i, i <= 8 ? Status.SUCCESS : Status.FAILED, i * 10);
        }

        ProjectMetrics demo = demo();
        assertThat(demo.deploymentsTotal()).isEqualTo(10);
        assertThat(demo.successRate()).isEqualTo(0.8);
        assertThat(demo.durationAvgSeconds()).isEqualTo(55.0);
        assertThat(demo.durationP90Seconds()).isEqualTo(90.0);
    }

    @Test
    void aStepMarksItsDeploymentInProgressAndDatesItsStart() {
        board.observe(VigilEvent.of("demo", 1, T, new StepUpdated("d-1", "demo", "deploy_project", "deployment",
                Status.RUNNING, T.plusSeconds(5), T, null, null)), T);
        assertThat(demo().inProgress()).isEqualTo(1);

        deployment("d-1", Status.SUCCESS, 45);
        assertThat(demo().durationAvgSeconds()).isEqualTo(45.0);
        assertThat(demo().lastActivity()).isEqualTo(T.plusSeconds(45));
    }

    @Test
    void aRollbackCountsOnceAndTheLatestHealthProbeSaysWhetherTheProjectIsUp() {
        deployment("d-2", Status.RUNNING, 0, "d-1");
        deployment("d-2", Status.SUCCESS, 5, "d-1");
        board.observe(VigilEvent.of("demo", 1, T, new ProjectHealth("demo", "u", false, 500, 3L, null, T.plusSeconds(9))), T);
        board.observe(VigilEvent.of("demo", 1, T, new ProjectHealth("demo", "u", true, 200, 3L, null, T.plusSeconds(1))), T);

        assertThat(demo().rollbacks()).isEqualTo(1);
        assertThat(demo().healthy()).as("the older probe arrived last").isFalse();
    }

    @Test
    void pipelinesCountRunningQueuedAndFinishedRunsOnce() {
        run("r-1", Status.PENDING, 0, null, null);
        run("r-2", Status.RUNNING, 0, 0, null);
        run("r-3", Status.RUNNING, 0, 0, null);
        run("r-3", Status.FAILED, 12, 0, 12);
        run("r-3", Status.FAILED, 12, 0, 12);
        run("r-3", Status.RUNNING, 1, 0, null);

        PipelineMetrics build = board.report(T, NO_GATEWAY).pipelines().get(0);
        assertThat(build).isEqualTo(new PipelineMetrics("build", 1, 0, 1, 0.0, 1, 1, 12.0, 12.0));
    }

    @Test
    void taskRatesCountLinesAndErrorLinesOverTheWindowAndForgetQuietTasks() {
        board.observe(VigilEvent.of("t-1", 1, T, new LogLines("t-1", List.of(
                new LogLines.Line(1, T, "INFO", "a", null, null, null),
                new LogLines.Line(2, T, "error", "b", null, null, null),
                new LogLines.Line(3, T, "FATAL", "c", null, null, null),
                new LogLines.Line(4, T, null, "d", null, null, null)))), T);
        board.observe(VigilEvent.of("t-1", 2, T, new LogLines("t-1", List.of(
                new LogLines.Line(5, T, "WARN", "e", null, null, null)))), T.plusSeconds(3));

        assertThat(board.report(T.plusSeconds(3), NO_GATEWAY).tasks())
                .containsExactly(new MetricsReport.TaskMetrics("t-1", 0.5, 0.2));
        assertThat(board.report(T.plusSeconds(11), NO_GATEWAY).tasks())
                .as("the first batch fell out of the 10 s window")
                .containsExactly(new MetricsReport.TaskMetrics("t-1", 0.1, 0.0));
        assertThat(board.report(T.plusSeconds(14), NO_GATEWAY).tasks()).isEmpty();
    }

    @Test
    void theSavedStateRestoresTheSameReportAndKeepsCountingOnce() throws Exception {
        deployment("d-1", Status.RUNNING, 0);
        deployment("d-1", Status.SUCCESS, 30);
        deployment("d-2", Status.RUNNING, 40, "d-1");
        run("r-1", Status.SUCCESS, 9, 0, 9);
        String saved = EventCodec.mapper().writeValueAsString(board.state());

        MetricsBoard restarted = new MetricsBoard(new MetricsBoard.Limits(1000, 100, Duration.ofSeconds(10)));
        restarted.restore(EventCodec.mapper().readValue(saved, MetricsBoard.State.class));

        assertThat(restarted.report(T, NO_GATEWAY)).isEqualTo(board.report(T, NO_GATEWAY));
        restarted.observe(VigilEvent.of("demo", 1, T, new DeploymentUpdated("d-1", "demo", null, null, null,
                Status.SUCCESS, null, null, null, null, T.plusSeconds(30), List.of())), T);
        assertThat(restarted.report(T, NO_GATEWAY).projects().get(0).deploymentsTotal())
                .as("a redelivery after the restart").isEqualTo(1);
    }

    @Test
    void onlyTheMostRecentlyReportedAreRememberedButCountsStay() {
        MetricsBoard small = new MetricsBoard(new MetricsBoard.Limits(2, 100, Duration.ofSeconds(10)));
        for (int i = 1; i <= 3; i++) {
            small.observe(VigilEvent.of("demo", 1, T, new DeploymentUpdated("d-" + i, "demo", null, null, null,
                    Status.SUCCESS, null, null, null, null, T.plusSeconds(i), List.of())), T);
        }
        assertThat(small.state().projects().get("demo").deployments().recent()).extracting(Outcomes.Tracked::id)
                .containsExactly("d-2", "d-3");
        assertThat(small.report(T, NO_GATEWAY).projects().get(0).deploymentsTotal()).isEqualTo(3);
    }
}
