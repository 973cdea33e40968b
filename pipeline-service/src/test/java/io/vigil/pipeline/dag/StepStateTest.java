package io.vigil.pipeline.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;

class StepStateTest {

    @Test
    void wireNamesAreLowerCaseAndReadBack() {
        assertThat(Arrays.stream(StepState.values()).map(StepState::wire)).containsExactly(
                "pending", "running", "success", "failed", "timed_out", "cancelled", "skipped", "interrupted");
        assertThat(Arrays.stream(StepState.values()).map(s -> StepState.fromWire(s.wire()))).containsExactly(StepState.values());
        assertThatThrownBy(() -> StepState.fromWire("done")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyPendingAndRunningAreOpen() {
        assertThat(Arrays.stream(StepState.values()).filter(s -> !s.isTerminal()))
                .containsExactly(StepState.PENDING, StepState.RUNNING);
        assertThat(Arrays.stream(StepState.values()).filter(StepState::isFailure))
                .containsExactly(StepState.FAILED, StepState.TIMED_OUT, StepState.INTERRUPTED);
    }

    @Test
    void eventsSeeTimeoutsAndInterruptionsAsFailures() {
        assertThat(Arrays.stream(StepState.values()).map(StepState::status)).containsExactly(Status.PENDING,
                Status.RUNNING, Status.SUCCESS, Status.FAILED, Status.FAILED, Status.CANCELLED, Status.SKIPPED, Status.FAILED);
    }
}
