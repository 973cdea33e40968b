package io.vigil.monitor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.monitor.history.RunStateClient;

class ExecutionStepsTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    private final ExecutionSteps steps = new ExecutionSteps();

    @Test
    void aWatchedRunsProgressFollowsItsStepUpdates() {
        steps.watch("r1", List.of(step("build", "success"), step("test", "running"), step("deploy", "pending")));
        assertThat(steps.progress("r1")).contains(new ExecutionSteps.Progress(3, 1, "test"));

        steps.changed(update("r1", "test", Status.SUCCESS));
        steps.changed(update("r1", "deploy", Status.RUNNING));
        assertThat(steps.progress("r1")).contains(new ExecutionSteps.Progress(3, 2, "deploy"));
        assertThat(steps.progress("r1").orElseThrow().percent()).isEqualTo(66);

        steps.changed(update("r1", "deploy", Status.FAILED));
        assertThat(steps.progress("r1")).contains(new ExecutionSteps.Progress(3, 3, null));
    }

    @Test
    void unwatchedRunsAreNotFollowedAndAForgottenRunIsGone() {
        steps.changed(update("nobody-watches", "build", Status.RUNNING));
        assertThat(steps.progress("nobody-watches")).isEmpty();

        steps.watch("r2", List.of(step("build", "running")));
        steps.watch("r2", List.of(step("build", "pending"), step("other", "pending"))); // followed already: kept
        assertThat(steps.progress("r2")).contains(new ExecutionSteps.Progress(1, 0, "build"));
        steps.forget("r2");
        assertThat(steps.progress("r2")).isEmpty();
    }

    @Test
    void aStepTheStateDidNotListCountsOnceItIsHeardOf() {
        steps.watch("r3", null);
        assertThat(steps.progress("r3").orElseThrow().percent()).isZero();
        steps.changed(update("r3", "late", Status.SUCCESS));
        assertThat(steps.progress("r3")).contains(new ExecutionSteps.Progress(1, 1, null));
    }

    private static RunStateClient.Step step(String name, String status) {
        return new RunStateClient.Step(name, status, 1, null, null, null, null, null);
    }

    private static RunStepUpdated update(String run, String step, Status status) {
        return new RunStepUpdated(run, step, status, null, run + "/" + step + "/1", T, null);
    }
}
