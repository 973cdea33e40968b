package io.vigil.monitor.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.AlertResolved;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.DeploymentUpdated.StepState;
import io.vigil.events.payload.LogStatus;
import io.vigil.events.payload.RunUpdated;
import io.vigil.events.payload.StepUpdated;

/** The event log's pure parts: which workflow an event concerns, its state, cursors and parameters. */
class WorkflowsDomainTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aFinishedDeploymentRunsFromItsFirstStepsStartToItsLastStepsEnd() {
        DeploymentUpdated deployment = deployment(Status.FAILED, List.of(
                new StepState("deploy_project", "deployment", Status.FAILED, T0.plusSeconds(30), T0.plusSeconds(90), "x"),
                new StepState("validate_artifact", "validation", Status.SUCCESS, T0, T0.plusSeconds(30), null)));
        WorkflowState state = WorkflowState.of(VigilEvent.of("demo", 4, T0.plusSeconds(95), deployment)).orElseThrow();
        assertThat(state).isEqualTo(new WorkflowState(WorkflowType.DEPLOYMENT, "d-1", "demo", "9f2c1e7", "failed", T0,
                T0.plusSeconds(90), T0.plusSeconds(95)));
    }

    @Test
    void aRunningDeploymentWithoutStepTimesStartsWhenReportedAndHasNotFinished() {
        DeploymentUpdated deployment = deployment(Status.RUNNING,
                List.of(new StepState("deploy_project", "deployment", Status.RUNNING)));
        WorkflowState state = WorkflowState.of(VigilEvent.of("demo", 1, T0.plusSeconds(1), deployment)).orElseThrow();
        assertThat(state.startedAt()).isEqualTo(T0);
        assertThat(state.finishedAt()).isNull();
        assertThat(state.status()).isEqualTo("running");
    }

    @Test
    void runsAndTasksAreTheirSubjectsAndStartWhenFirstHeardOfWithoutAStartTime() {
        WorkflowState run = WorkflowState.of(VigilEvent.of("r-1", 2, T0,
                new RunUpdated("r-1", "build", "demo", Status.RUNNING, null, null))).orElseThrow();
        assertThat(run).isEqualTo(new WorkflowState(WorkflowType.RUN, "r-1", "demo", "build", "running", T0, null, T0));
        WorkflowState task = WorkflowState.of(VigilEvent.of("install-1", 3, T0.plusSeconds(5),
                new LogStatus("install-1", Status.SUCCESS, 10, T0.plusSeconds(4), "install", 100, null, null, null, 0, 0,
                        T0.minusSeconds(60)))).orElseThrow();
        assertThat(task).isEqualTo(new WorkflowState(WorkflowType.TASK, "install-1", null, "install", "success",
                T0.minusSeconds(60), T0.plusSeconds(4), T0.plusSeconds(5)));
    }

    @Test
    void eventsThatReportNoWholeStateChangeNoWorkflow() {
        assertThat(WorkflowState.of(VigilEvent.of("demo", 1, T0, step()))).isEmpty();
        assertThat(WorkflowState.of(VigilEvent.of("a-1", 1, T0, new AlertResolved("a-1", "rule", "fp", "op", T0)))).isEmpty();
    }

    @Test
    void aLoggedStepEventBelongsToItsDeploymentAndProject() {
        VigilEvent<StepUpdated> event = VigilEvent.of("demo", 7, T0, step());
        LoggedEvent logged = LoggedEvent.of(event);
        assertThat(logged.id()).isEqualTo(event.id());
        assertThat(logged.type()).isEqualTo("step.updated");
        assertThat(logged.project()).isEqualTo("demo");
        assertThat(logged.workflowType()).isEqualTo(WorkflowType.DEPLOYMENT);
        assertThat(logged.workflowId()).isEqualTo("d-1");
        assertThat(logged.seq()).isEqualTo(7);
        assertThat(logged.data()).contains("\"deployment_id\":\"d-1\"", "\"name\":\"deploy_project\"");
    }

    @Test
    void anAlertIsLoggedWithoutProjectOrWorkflow() {
        LoggedEvent logged = LoggedEvent.of(VigilEvent.of("a-1", 1, T0, new AlertResolved("a-1", "rule", "fp", "op", T0)));
        assertThat(logged.project()).isNull();
        assertThat(logged.workflowType()).isNull();
        assertThat(logged.workflowId()).isNull();
    }

    @Test
    void aCursorReadsBackAsWrittenAndAnythingElseIsRefused() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-25T10:00:00.123456Z"), "run:a|b");
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        for (String bad : List.of("", "%%%", "bm90aGluZw", "MjAyNi0xMS0yNVQxMDowMDowMFp8")) {
            assertThatThrownBy(() -> Cursor.decode(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("is not a cursor this service gave");
        }
    }

    @Test
    void limitsAreWholeNumbersInTheirRangeAndDefaultWhenAbsent() {
        assertThat(QueryParameters.between("limit", null, 1, 500, 50)).isEqualTo(50);
        assertThat(QueryParameters.between("limit", " 500 ", 1, 500, 50)).isEqualTo(500);
        for (String bad : List.of("0", "501", "-1", "abc", "1.5", "99999999999")) {
            assertThatThrownBy(() -> QueryParameters.between("limit", bad, 1, 500, 50))
                    .isInstanceOf(InvalidParameter.class).extracting("field").isEqualTo("limit");
        }
    }

    @Test
    void eventTypesAreTakenShortOrInFullAndUnknownOnesNamed() {
        assertThat(QueryParameters.eventType("type", "run.updated")).isEqualTo("run.updated");
        assertThat(QueryParameters.eventType("type", "io.vigil.log.lines")).isEqualTo("log.lines");
        assertThat(QueryParameters.eventType("type", "")).isNull();
        assertThatThrownBy(() -> QueryParameters.eventType("event_type", "message"))
                .isInstanceOf(InvalidParameter.class).extracting("field").isEqualTo("event_type");
    }

    @Test
    void timesAreRfc3339AndSinceMayNotFollowUntil() {
        assertThat(QueryParameters.time("since", "2026-11-25T11:00:00+01:00")).isEqualTo(T0);
        assertThatThrownBy(() -> QueryParameters.time("since", "yesterday")).isInstanceOf(InvalidParameter.class)
                .extracting("field").isEqualTo("since");
        assertThatThrownBy(() -> QueryParameters.ordered(T0, T0.minusSeconds(1))).isInstanceOf(InvalidParameter.class)
                .extracting("field").isEqualTo("until");
        QueryParameters.ordered(T0, T0);
    }

    @Test
    void idsAreCheckedBeforeAnOwnerIsAsked() {
        String uuid = UUID.randomUUID().toString();
        assertThat(WorkflowDetails.checkedId(WorkflowType.RUN, uuid)).isEqualTo(uuid);
        assertThat(WorkflowDetails.checkedId(WorkflowType.TASK, uuid + "/build/1")).isEqualTo(uuid + "/build/1");
        for (String bad : List.of("not-a-uuid", "../admin", uuid + "x")) {
            assertThatThrownBy(() -> WorkflowDetails.checkedId(WorkflowType.DEPLOYMENT, bad))
                    .isInstanceOf(InvalidParameter.class).extracting("field").isEqualTo("id");
        }
        for (String bad : List.of("..", "a/../b", "a//b", "/a", "a b", "a?x", "x".repeat(256))) {
            assertThatThrownBy(() -> WorkflowDetails.checkedId(WorkflowType.TASK, bad))
                    .as(bad).isInstanceOf(InvalidParameter.class);
        }
    }

    @Test
    void workflowTypesAreTheThreeKinds() {
        assertThat(QueryParameters.workflowType("type", "task")).isEqualTo(WorkflowType.TASK);
        assertThatThrownBy(() -> QueryParameters.workflowType("type", "pipeline"))
                .isInstanceOf(InvalidParameter.class).hasMessage("must be deployment, run or task");
    }

    private static DeploymentUpdated deployment(Status status, List<StepState> steps) {
        return new DeploymentUpdated("d-1", "demo", "acme/demo", "main", "9f2c1e7", status, "axi-deploy", "manual",
                "backend", null, T0, steps);
    }

    private static StepUpdated step() {
        return new StepUpdated("d-1", "demo", "deploy_project", "deployment", Status.RUNNING, T0);
    }
}
