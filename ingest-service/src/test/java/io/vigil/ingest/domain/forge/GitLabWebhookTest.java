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

class GitLabWebhookTest {

    private static final String SHA = "3b5e0a9c7d2f41e8a6b0c9d8e7f6a5b4c3d2e1f0";

    @Test
    void runningPipelineListsItsJobsByIdWhateverTheirOrderInTheBody() {
        assertThat(report("Pipeline Hook", "gitlab-pipeline-running.json")).isEqualTo(new DeploymentReport(
                "billing-api", "platform/billing-api", "main", SHA, Status.RUNNING, "mhoang", "push", "pipeline", null,
                null, null, Instant.parse("2024-05-02T09:10:00Z"),
                List.of(new StepReport("build", Status.SUCCESS), new StepReport("unit-tests", Status.RUNNING),
                        new StepReport("deploy-production", Status.PENDING)), "gitlab-pipeline-1183425")
                .withCommitTime(Instant.parse("2024-05-02T09:09:41Z")));
    }

    @Test
    void finishedPipelineReportsRetriedJobsAfterTheirFirstTry() {
        assertThat(report("Pipeline Hook", "gitlab-pipeline-success.json")).isEqualTo(new DeploymentReport(
                "billing-api", "platform/billing-api", "main", SHA, Status.SUCCESS, "mhoang", "push", "pipeline", null,
                null, "Deploy billing-api", Instant.parse("2024-05-02T09:14:05Z"),
                List.of(new StepReport("unit-tests", Status.FAILED), new StepReport("build", Status.SUCCESS),
                        new StepReport("unit-tests", Status.SUCCESS),
                        new StepReport("deploy-production", Status.SUCCESS),
                        new StepReport("rollback", Status.PENDING)), "gitlab-pipeline-1183425")
                .withCommitTime(Instant.parse("2024-05-02T09:09:41Z")));
    }

    @Test
    void jobIsOneStepOfAPipelineThatKeepsThePipelinesStatus() {
        assertThat(report("Job Hook", "gitlab-job.json")).isEqualTo(new DeploymentReport(
                "billing-api", "platform/billing-api", "main", SHA, Status.RUNNING, "mhoang", null, "pipeline", null,
                null, null, Instant.parse("2024-05-02T09:12:40Z"), List.of(new StepReport("unit-tests", Status.FAILED)), "gitlab-pipeline-1183425"));
    }

    @Test
    void jobWithoutPipelineStatusTakesItsOwn() {
        ObjectNode body = ForgeSamples.load("gitlab-job.json");
        ((ObjectNode) body.get("commit")).remove("status");
        assertThat(GitLabWebhook.map("Job Hook", body).report().orElseThrow().status()).isEqualTo(Status.FAILED);
    }

    @Test
    void jobOfAnOlderGitLabNamesItsProjectByTheLastPartOfProjectName() {
        ObjectNode body = ForgeSamples.load("gitlab-job.json");
        body.remove("project");
        DeploymentReport report = GitLabWebhook.map("Job Hook", body).report().orElseThrow();
        assertThat(report.project()).isEqualTo("billing-api");
        assertThat(report.repository()).isNull();
        body.remove("project_name");
        ((ObjectNode) body.get("repository")).put("name", "billing");
        assertThat(GitLabWebhook.map("Job Hook", body).report().orElseThrow().project()).isEqualTo("billing");
    }

    @Test
    void deploymentTakesTheFullShaFromTheCommitUrl() {
        assertThat(report("Deployment Hook", "gitlab-deployment.json")).isEqualTo(new DeploymentReport(
                "billing-api", "platform/billing-api", "main", SHA, Status.SUCCESS, "mhoang", null, "deployment", null,
                "https://billing.example.test", "deploy to production", Instant.parse("2024-05-02T09:14:04Z"),
                List.of(), "gitlab-deployment-20871"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://gitlab.example.test/platform/billing-api/-/commits/main", "not a url", "", "/"})
    void deploymentFallsBackToTheShortSha(String commitUrl) {
        ObjectNode body = ForgeSamples.load("gitlab-deployment.json");
        body.put("commit_url", commitUrl);
        assertThat(GitLabWebhook.map("Deployment Hook", body).report().orElseThrow().commitHash()).isEqualTo("3b5e0a9c");
        body.remove("short_sha");
        assertThatThrownBy(() -> GitLabWebhook.map("Deployment Hook", body)).isInstanceOf(ForgeFieldException.class)
                .extracting("field").isEqualTo("short_sha");
    }

    @Test
    void commitUrlWithTrailingSlashOrQueryStillNamesTheCommit() {
        ObjectNode body = ForgeSamples.load("gitlab-deployment.json");
        body.put("commit_url", "https://gitlab.example.test/p/-/commit/" + SHA + "/?view=parallel#top");
        assertThat(GitLabWebhook.map("Deployment Hook", body).report().orElseThrow().commitHash()).isEqualTo(SHA);
    }

    @Test
    void projectFallsBackToTheLastPartOfItsPath() {
        ObjectNode body = ForgeSamples.load("gitlab-pipeline-running.json");
        ((ObjectNode) body.get("project")).remove("name");
        ((ObjectNode) body.get("project")).put("path_with_namespace", "platform/payments/billing-api");
        assertThat(GitLabWebhook.map("Pipeline Hook", body).report().orElseThrow().project()).isEqualTo("billing-api");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Push Hook", "Merge Request Hook", "Tag Push Hook", "Note Hook", "System Hook"})
    void otherHooksAreIgnoredWithTheEventNamed(String event) {
        ForgeMapping mapping = GitLabWebhook.map(event, ForgeSamples.load("gitlab-pipeline-running.json"));
        assertThat(mapping.ignoredReason()).isEqualTo("GitLab event '" + event + "' is not a deployment");
        assertThat(mapping.report()).isEmpty();
        assertThat(mapping.ping()).isFalse();
    }

    @Test
    void eventHeaderIsMatchedWithoutCase() {
        assertThat(GitLabWebhook.map("pipeline hook", ForgeSamples.load("gitlab-pipeline-running.json")).report())
                .isPresent();
    }

    @Test
    void missingEventHeaderIsNamed() {
        assertThatThrownBy(() -> GitLabWebhook.map(null, ForgeSamples.load("gitlab-job.json")))
                .isInstanceOf(ForgeFieldException.class).extracting("field").isEqualTo("X-Gitlab-Event");
    }

    @ParameterizedTest
    @CsvSource({
            "Pipeline Hook, gitlab-pipeline-running.json, project, project.name",
            "Pipeline Hook, gitlab-pipeline-running.json, object_attributes.sha, object_attributes.sha",
            "Pipeline Hook, gitlab-pipeline-running.json, object_attributes.status, object_attributes.status",
            "Pipeline Hook, gitlab-pipeline-running.json, object_attributes, object_attributes.sha",
            "Pipeline Hook, gitlab-pipeline-running.json, builds.1.name, builds[1].name",
            "Pipeline Hook, gitlab-pipeline-running.json, builds.2.status, builds[2].status",
            "Job Hook, gitlab-job.json, sha, sha",
            "Job Hook, gitlab-job.json, build_name, build_name",
            "Job Hook, gitlab-job.json, build_status, build_status",
            "Deployment Hook, gitlab-deployment.json, status, status",
            "Deployment Hook, gitlab-deployment.json, project, project.name"})
    void missingRequiredFieldIsNamedByItsPath(String event, String file, String removed, String named) {
        JsonNode body = JsonEdits.remove(ForgeSamples.load(file), removed);
        assertThatThrownBy(() -> GitLabWebhook.map(event, body)).isInstanceOf(ForgeFieldException.class)
                .hasMessage(named + ": is missing").extracting("field").isEqualTo(named);
    }

    @Test
    void jobWithoutAnyProjectNameNamesProjectName() {
        ObjectNode body = ForgeSamples.load("gitlab-job.json");
        body.remove(List.of("project", "project_name", "repository"));
        assertThatThrownBy(() -> GitLabWebhook.map("Job Hook", body)).isInstanceOf(ForgeFieldException.class)
                .extracting("field").isEqualTo("project_name");
    }

    @Test
    void unknownStatusWordIsRefusedWithItsPath() {
        ObjectNode body = ForgeSamples.load("gitlab-pipeline-success.json");
        ((ObjectNode) body.get("builds").get(3)).put("status", "exploded");
        assertThatThrownBy(() -> GitLabWebhook.map("Pipeline Hook", body)).isInstanceOf(ForgeFieldException.class)
                .hasMessage("builds[3].status: unknown status 'exploded'");
    }

    @Test
    void jobIdsMustBeIntegers() {
        ObjectNode body = ForgeSamples.load("gitlab-pipeline-running.json");
        ((ObjectNode) body.get("builds").get(0)).put("id", "5550103");
        assertThatThrownBy(() -> GitLabWebhook.map("Pipeline Hook", body)).isInstanceOf(ForgeFieldException.class)
                .hasMessage("builds[0].id: must be an integer");
    }

    @Test
    void unreadableTimeIsNamed() {
        ObjectNode body = ForgeSamples.load("gitlab-deployment.json");
        body.put("status_changed_at", "yesterday");
        assertThatThrownBy(() -> GitLabWebhook.map("Deployment Hook", body)).isInstanceOf(ForgeFieldException.class)
                .extracting("field").isEqualTo("status_changed_at");
    }

    @Test
    void longJobNamesAreCutNotRefused() {
        ObjectNode body = ForgeSamples.load("gitlab-job.json");
        body.put("build_name", "e2e: " + "x".repeat(250));
        assertThat(GitLabWebhook.map("Job Hook", body).report().orElseThrow().steps().get(0).name())
                .hasSize(200).startsWith("e2e: xxx").endsWith("…");
    }

    @Test
    void overlongBranchIsRefused() {
        ObjectNode body = ForgeSamples.load("gitlab-job.json");
        body.put("ref", "b".repeat(301));
        assertThatThrownBy(() -> GitLabWebhook.map("Job Hook", body)).isInstanceOf(ForgeFieldException.class)
                .hasMessage("ref: must be at most 300 characters");
    }

    @Test
    void projectNameWithControlCharactersIsRefused() {
        ObjectNode body = ForgeSamples.load("gitlab-pipeline-running.json");
        ((ObjectNode) body.get("project")).put("name", "billing\napi");
        assertThatThrownBy(() -> GitLabWebhook.map("Pipeline Hook", body)).isInstanceOf(ForgeFieldException.class)
                .hasMessage("project.name: must not contain control characters");
    }

    private static DeploymentReport report(String event, String file) {
        ForgeMapping mapping = GitLabWebhook.map(event, ForgeSamples.load(file));
        assertThat(mapping.ping()).isFalse();
        assertThat(mapping.ignoredReason()).isNull();
        return mapping.report().orElseThrow();
    }
}
