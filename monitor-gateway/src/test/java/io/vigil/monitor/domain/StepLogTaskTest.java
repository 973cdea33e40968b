package io.vigil.monitor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepLogTaskTest {

    @Test
    void aStepAttemptsTaskIdNamesItsRunStepAndAttempt() {
        assertThat(StepLogTask.of("3f1c/build/2")).contains(new StepLogTask("3f1c", "build", 2));
    }

    @Test
    void anyOtherTaskIdNamesNoStep() {
        for (String other : new String[] {"install-7", "3f1c/build", "3f1c/build/x", "3f1c/build/1/more", "/build/1",
                "3f1c//1", "", null}) {
            assertThat(StepLogTask.of(other)).as(String.valueOf(other)).isEmpty();
        }
    }
}
