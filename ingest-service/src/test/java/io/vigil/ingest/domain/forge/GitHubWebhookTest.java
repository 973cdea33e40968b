package io.vigil.ingest.domain.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.events.Status;
import io.vigil.ingest.domain.DeploymentReport;
import io.vigil.ingest.domain.DeploymentReport.StepReport;

class GitHubWebhookTest {

    private static final String SHA = "9f2c1e7b4a5d6e8f0a1b2c3d4e5f60718293a4b5";

    @Test
    void pingIsAnsweredWhateverTheBody() {
        assertThat(GitHubWebhook.map("ping", ForgeSamples.load("github-ping.json"))).isEqualTo(ForgeMapping.forPing());
        assertThat(GitHubWebhook.map("ping", null).ping()).isTrue();
    }

    @Test
    void workflowRunInProgressIsARunningDeployment() {
        assertThat(report("workflow_run", "github-workflow_run-in_progress.json")).isEqualTo(new DeploymentReport(
                "demo-app", "acme/demo-app", "main", SHA, Status.RUNNING, "octo-dev", "push", "workflow", null, null,
                "Deploy", Instant.parse("2024-05-02T09:00:41Z"), List.of(), "github-run-9012345678")
                .withCommitTime(Instant.parse("2024-05-02T08:59:58Z")));
    }

    @Test
    void completedWorkflowRunTakesItsConclusion() {
        assertThat(report("workflow_run", "github-workflow_run-completed-success.json")).isEqualTo(new DeploymentReport(
                "demo-app", "acme/demo-app", "main", SHA, Status.SUCCESS, "release-bot", "workflow_dispatch", "workflow",
                null, null, "Deploy", Instant.parse("2024-05-02T09:03:17Z"), List.of(), "github-run-9012345678")
                .withCommitTime(Instant.parse("2024-05-02T08:59:58Z")));
    }

    @Test
    void workflowJobReportsItsStepsInOrder() {
        assertThat(report("workflow_job", "github-workflow_job-completed.json")).isEqualTo(new DeploymentReport(
                "demo-app", "acme/demo-app", "main", SHA, Status.FAILED, "octo-dev", null, "workflow", null, null,
                "Deploy / deploy-production", Instant.parse("2024-05-02T09:02:50Z"),
                List.of(new StepReport("Set up job", Status.SUCCESS),
                        new StepReport("Run ./scripts/deploy.sh", Status.FAILED),
                        new StepReport("Smoke test", Status.SKIPPED)), "github-run-9012345678"));
    }

    @Test
    void deploymentIsPendingUntilItsFirstStatus() {
        assertThat(report("deployment", "github-deployment.json")).isEqualTo(new DeploymentReport(
                "demo-app", "acme/demo-app", "main", SHA, Status.PENDING, "octo-dev", null, "deployment", null, null,
                "deploy to production", Instant.parse("2024-05-02T09:00:15Z"), List.of(), "github-deployment-1377201544"));
    }

    @Test
    void deploymentStatusCarriesTheEnvironmentUrl() {
        assertThat(report("deployment_status", "github-deployment_status-success.json")).isEqualTo(new DeploymentReport(
                "demo-app", "acme/demo-app", "main", SHA, Status.SUCCESS, "github-actions[bot]", null, "deployment",
                null, "https://demo-app.example.test", "deploy to production", Instant.parse("2024-05-02T09:03:10Z"),
                List.of(), "github-deployment-1377201544"));
    }

    @Test
    void inactiveDeploymentStatusIsIgnored() {
        ObjectNode body = ForgeSamples.load("github-deployment_status-success.json");
        ((ObjectNode) body.get("deployment_status")).put("state", "inactive");
        assertThat(GitHubWebhook.map("deployment_status", body).ignoredReason()).contains("inactive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"push", "pull_request", "check_run", "star", "Workflow_Dispatch"})
    void otherEventsAreIgnoredWithTheEventNamed(String event) {
        ForgeMapping mapping = GitHubWebhook.map(event, ForgeSamples.load("github-workflow_run-in_progress.json"));
        assertThat(mapping.isIgnored()).isTrue();
        assertThat(mapping.report()).isEmpty();
        assertThat(mapping.ignoredReason()).isEqualTo("GitHub event '" + event.toLowerCase() + "' is not a deployment");
    }

    @Test
    void eventHeaderIsReadLikeGitHubSpellsIt() {
        assertThat(GitHubWebhook.map(" Workflow_Run ", ForgeSamples.load("github-workflow_run-in_progress.json"))
                .report()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void missingEventHeaderIsNamed(String header) {
        assertThatThrownBy(() -> GitHubWebhook.map(header, ForgeSamples.load("github-ping.json")))
                .isInstanceOf(ForgeFieldException.class).extracting("field").isEqualTo("X-GitHub-Event");
        assertThatThrownBy(() -> GitHubWebhook.map(null, null))
                .isInstanceOf(ForgeFieldException.class).extracting("field").isEqualTo("X-GitHub-Event");
    }

    @ParameterizedTest
    @CsvSource({
            "workflow_run, github-workflow_run-in_progress.json, repository.name, repository.name",
            "workflow_run, github-workflow_run-in_progress.json, repository, repository.name",
            "workflow_run, github-workflow_run-in_progress.json, workflow_run.head_sha, workflow_run.head_sha",
            "workflow_run, github-workflow_run-in_progress.json, workflow_run, workflow_run.head_sha",
            "workflow_run, github-workflow_run-in_progress.json, workflow_run.status, workflow_run.status",
            "workflow_run, github-workflow_run-completed-success.json, workflow_run.conclusion, workflow_run.conclusion",
            "workflow_job, github-workflow_job-completed.json, workflow_job.head_sha, workflow_job.head_sha",
            "workflow_job, github-workflow_job-completed.json, workflow_job.status, workflow_job.status",
            "workflow_job, github-workflow_job-completed.json, workflow_job.steps.1.name, workflow_job.steps[1].name",
            "workflow_job, github-workflow_job-completed.json, workflow_job.steps.2.conclusion, workflow_job.steps[2].conclusion",
            "deployment, github-deployment.json, deployment.sha, deployment.sha",
            "deployment_status, github-deployment_status-success.json, deployment_status.state, deployment_status.state",
            "deployment_status, github-deployment_status-success.json, deployment, deployment.sha"})
    void missingRequiredFieldIsNamedByItsPath(String event, String file, String removed, String named) {
        JsonNode body = JsonEdits.remove(ForgeSamples.load(file), removed);
        assertThatThrownBy(() -> GitHubWebhook.map(event, body)).isInstanceOf(ForgeFieldException.class)
                .hasMessage(named + ": is missing").extracting("field").isEqualTo(named);
    }

    @Test
    void blankRequiredFieldCountsAsMissing() {
        ObjectNode body = ForgeSamples.load("github-deployment.json");
        ((ObjectNode) body.get("deployment")).put("sha", "   ");
        assertThatThrownBy(() -> GitHubWebhook.map("deployment", body)).isInstanceOf(ForgeFieldException.class)
                .extracting("field").isEqualTo("deployment.sha");
    }

    @Test
    void optionalFieldsMayBeMissingOrNull() {
        ObjectNode body = ForgeSamples.load("github-workflow_run-in_progress.json");
        ObjectNode run = (ObjectNode) body.get("workflow_run");
        run.putNull("head_branch");
        run.remove(List.of("event", "name", "updated_at", "run_started_at", "created_at", "actor"));
        body.remove(List.of("sender"));
        ((ObjectNode) body.get("repository")).remove("full_name");
        DeploymentReport report = GitHubWebhook.map("workflow_run", body).report().orElseThrow();
        assertThat(report.project()).isEqualTo("demo-app");
        assertThat(report.repository()).isNull();
        assertThat(report.branch()).isNull();
        assertThat(report.triggeredBy()).isNull();
        assertThat(report.triggerType()).isNull();
        assertThat(report.message()).isNull();
        assertThat(report.reportedAt()).isNull();
    }

    @Test
    void actorStandsInForAMissingSender() {
        ObjectNode body = ForgeSamples.load("github-workflow_run-in_progress.json");
        body.remove("sender");
        assertThat(GitHubWebhook.map("workflow_run", body).report().orElseThrow().triggeredBy()).isEqualTo("octo-dev");
    }

    @Test
    void unknownRunStatusIsRefusedButUnknownConclusionFailed() {
        ObjectNode body = ForgeSamples.load("github-workflow_run-completed-success.json");
        ObjectNode run = (ObjectNode) body.get("workflow_run");
        run.put("conclusion", "exploded");
        assertThat(GitHubWebhook.map("workflow_run", body).report().orElseThrow().status()).isEqualTo(Status.FAILED);
        run.put("status", "sleeping");
        assertThatThrownBy(() -> GitHubWebhook.map("workflow_run", body)).isInstanceOf(ForgeFieldException.class)
                .hasMessage("workflow_run.status: unknown status 'sleeping'");
    }

    @Test
    void wrongTypesAreNamed() {
        ObjectNode body = ForgeSamples.load("github-workflow_job-completed.json");
        ((ObjectNode) body.get("workflow_job")).put("steps", "three");
        assertThatThrownBy(() -> GitHubWebhook.map("workflow_job", body)).isInstanceOf(ForgeFieldException.class)
                .hasMessage("workflow_job.steps: must be an array");
        body.put("repository", 7);
        assertThatThrownBy(() -> GitHubWebhook.map("workflow_job", body)).isInstanceOf(ForgeFieldException.class)
                .hasMessage("repository: must be a JSON object");
    }

    @Test
    void unknownDeploymentStateIsRefused() {
        ObjectNode body = ForgeSamples.load("github-deployment_status-success.json");
        ((ObjectNode) body.get("deployment_status")).put("state", "on_fire");
        assertThatThrownBy(() -> GitHubWebhook.map("deployment_status", body)).isInstanceOf(ForgeFieldException.class)
                .extracting("field").isEqualTo("deployment_status.state");
    }

    private static DeploymentReport report(String event, String file) {
        ForgeMapping mapping = GitHubWebhook.map(event, ForgeSamples.load(file));
        assertThat(mapping.ping()).isFalse();
        assertThat(mapping.ignoredReason()).isNull();
        return mapping.report().orElseThrow();
    }
}
