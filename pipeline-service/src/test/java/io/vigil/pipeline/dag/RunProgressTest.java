package io.vigil.pipeline.dag;

import static io.vigil.pipeline.dag.NextStepsTest.pipeline;
import static io.vigil.pipeline.dag.StepState.CANCELLED;
import static io.vigil.pipeline.dag.StepState.FAILED;
import static io.vigil.pipeline.dag.StepState.RUNNING;
import static io.vigil.pipeline.dag.StepState.SKIPPED;
import static io.vigil.pipeline.dag.StepState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.vigil.events.Status;
import io.vigil.pipeline.definition.PipelineDefinition;

class RunProgressTest {

    private static final PipelineDefinition RELEASE = pipeline("""
            - {name: build, run: x}
            - {name: lint, run: x, allow_failure: true}
            - {name: deploy, run: x, needs: [build, lint]}
            - {name: rollback, run: x, needs: [deploy], when: on_failure}
            """);

    @Test
    void aRunThatHasNotStartedIsRunningAtZero() {
        assertThat(RunProgress.of(RELEASE, Map.of())).isEqualTo(new RunProgress(Status.RUNNING, 0));
    }

    @Test
    void aRunIsRunningWhileAStepRunsEvenAfterAFailure() {
        // deploy and rollback are as good as skipped already: 3 of 4 steps ended
        assertThat(RunProgress.of(RELEASE, Map.of("build", FAILED, "lint", RUNNING)))
                .isEqualTo(new RunProgress(Status.RUNNING, 75));
    }

    @Test
    void aRunIsRunningWhileAStepCanStillStart() {
        assertThat(RunProgress.of(RELEASE, Map.of("build", SUCCESS, "lint", SUCCESS)))
                .isEqualTo(new RunProgress(Status.RUNNING, 50));
    }

    @Test
    void aRunSucceedsWhenAllStepsEndedWellAndSkippedStepsAreFine() {
        assertThat(RunProgress.of(RELEASE, Map.of("build", SUCCESS, "lint", SUCCESS, "deploy", SUCCESS, "rollback", SKIPPED)))
                .isEqualTo(new RunProgress(Status.SUCCESS, 100));
    }

    @Test
    void skipsStillToBeRecordedCountAsEnded() {
        assertThat(RunProgress.of(RELEASE, Map.of("build", SUCCESS, "lint", SUCCESS, "deploy", SUCCESS)))
                .isEqualTo(new RunProgress(Status.SUCCESS, 100));
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "TIMED_OUT", "INTERRUPTED"})
    void anAllowedFailureLeavesTheRunSuccessful(StepState lint) {
        assertThat(RunProgress.of(RELEASE, Map.of("build", SUCCESS, "lint", lint, "deploy", SUCCESS, "rollback", SKIPPED)))
                .isEqualTo(new RunProgress(Status.SUCCESS, 100));
    }

    @ParameterizedTest
    @EnumSource(names = {"FAILED", "TIMED_OUT", "INTERRUPTED"})
    void aFailureOfAnyOtherStepFailsTheRun(StepState build) {
        assertThat(RunProgress.of(RELEASE, Map.of("build", build, "lint", SUCCESS)))
                .isEqualTo(new RunProgress(Status.FAILED, 100));
    }

    @Test
    void aRunWhoseFailureWasHandledStillFailed() {
        assertThat(RunProgress.of(RELEASE, Map.of("build", SUCCESS, "lint", SUCCESS, "deploy", FAILED, "rollback", SUCCESS)))
                .isEqualTo(new RunProgress(Status.FAILED, 100));
    }

    @Test
    void aCancelledRunIsCancelledUnlessSomethingFailed() {
        assertThat(RunProgress.of(RELEASE, Map.of("build", SUCCESS, "lint", CANCELLED, "deploy", CANCELLED, "rollback",
                CANCELLED))).isEqualTo(new RunProgress(Status.CANCELLED, 100));
        assertThat(RunProgress.of(RELEASE, Map.of("build", FAILED, "lint", CANCELLED, "deploy", CANCELLED, "rollback",
                CANCELLED))).isEqualTo(new RunProgress(Status.FAILED, 100));
    }

    @Test
    void percentIsTheShareOfEndedStepsRoundedDown() {
        PipelineDefinition three = pipeline("""
                - {name: a, run: x}
                - {name: b, run: x}
                - {name: c, run: x}
                """);

        assertThat(RunProgress.of(three, Map.of("a", SUCCESS, "b", RUNNING)).percent()).isEqualTo(33);
        assertThat(RunProgress.of(three, Map.of("a", SUCCESS, "b", FAILED)).percent()).isEqualTo(66);
    }
}
