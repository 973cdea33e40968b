package io.vigil.ingest.domain.forge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.events.Status;

/** The status tables of both forges, and how GitHub's status and conclusion combine in a delivery. */
class ForgeStatusTest {

    @ParameterizedTest
    @CsvSource({"requested, PENDING", "queued, PENDING", "waiting, PENDING", "pending, PENDING",
            "in_progress, RUNNING"})
    void gitHubProgress(String word, Status expected) {
        assertThat(GitHubStatus.progress(word)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"completed", "done", "IN_PROGRESS", ""})
    void gitHubProgressDoesNotGuess(String word) {
        assertThat(GitHubStatus.progress(word)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"success, SUCCESS", "failure, FAILED", "timed_out, FAILED", "startup_failure, FAILED",
            "action_required, FAILED", "stale, FAILED", "cancelled, CANCELLED", "skipped, SKIPPED",
            "neutral, SKIPPED", "some_future_conclusion, FAILED"})
    void gitHubConclusion(String word, Status expected) {
        assertThat(GitHubStatus.conclusion(word)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"queued, PENDING", "pending, PENDING", "waiting, PENDING", "in_progress, RUNNING",
            "success, SUCCESS", "failure, FAILED", "error, FAILED"})
    void gitHubDeploymentState(String word, Status expected) {
        assertThat(GitHubStatus.deploymentState(word)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inactive", "destroyed"})
    void gitHubDeploymentStateDoesNotGuess(String word) {
        assertThat(GitHubStatus.deploymentState(word)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"created, PENDING", "waiting_for_resource, PENDING", "preparing, PENDING", "pending, PENDING",
            "scheduled, PENDING", "manual, PENDING", "waiting_for_callback, PENDING", "blocked, PENDING",
            "running, RUNNING", "canceling, RUNNING", "success, SUCCESS", "failed, FAILED", "canceled, CANCELLED",
            "skipped, SKIPPED"})
    void gitLab(String word, Status expected) {
        assertThat(GitLabStatus.of(word)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"passed", "failure", "SUCCESS ", "unknown"})
    void gitLabDoesNotGuess(String word) {
        assertThat(GitLabStatus.of(word)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "queued, null, PENDING", "in_progress, null, RUNNING", "completed, success, SUCCESS",
            "Completed, FAILURE, FAILED", "completed, cancelled, CANCELLED", "completed, neutral, SKIPPED",
            "in_progress, failure, RUNNING"})
    void gitHubStepStatusComesFromConclusionOnlyOnceCompleted(String status, String conclusion, Status expected) {
        ObjectNode body = ForgeSamples.load("github-workflow_job-completed.json");
        ObjectNode step = (ObjectNode) body.get("workflow_job").get("steps").get(0);
        step.put("status", status);
        step.put("conclusion", conclusion);
        assertThat(GitHubWebhook.map("workflow_job", body).report().orElseThrow().steps().get(0).status())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Running, RUNNING", "' canceled ', CANCELLED"})
    void gitLabWordsAreReadWithoutCaseOrSpaces(String word, Status expected) {
        ObjectNode body = ForgeSamples.load("gitlab-deployment.json");
        body.put("status", word);
        assertThat(GitLabWebhook.map("Deployment Hook", body).report().orElseThrow().status()).isEqualTo(expected);
    }
}
