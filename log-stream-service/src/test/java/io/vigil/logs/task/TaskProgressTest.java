package io.vigil.logs.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskProgressTest {

    @Test
    void aStepMarkerCountsTheStepsBeforeItAsDone() {
        TaskProgress progress = TaskProgress.NONE.after(null, 3, 4, "Configure");
        assertThat(progress).isEqualTo(new TaskProgress(50, 3, 4, "Configure"));
    }

    @Test
    void aPercentageIsTakenAsItIsAndKeepsTheStep() {
        TaskProgress progress = TaskProgress.NONE.after(null, 2, 4, "Download").after(75, null, null, null);
        assertThat(progress).isEqualTo(new TaskProgress(75, 2, 4, "Download"));
    }

    @Test
    void aLineWithNothingChangesNothing() {
        TaskProgress progress = new TaskProgress(10, 1, 2, "x");
        assertThat(progress.after(null, null, null, null)).isSameAs(progress);
    }

    @Test
    void successIsAHundredPercentAtTheLastStep() {
        assertThat(new TaskProgress(80, 4, 5, "Verify").succeeded()).isEqualTo(new TaskProgress(100, 5, 5, "Verify"));
        assertThat(TaskProgress.NONE.succeeded().percent()).isEqualTo(100);
    }

    @Test
    void aLongStepTextIsShortened() {
        TaskProgress progress = TaskProgress.NONE.after(null, 1, 2, "x".repeat(10_000));
        assertThat(progress.stepText()).hasSize(TaskProgress.STEP_TEXT_LIMIT).endsWith("…");
    }
}
