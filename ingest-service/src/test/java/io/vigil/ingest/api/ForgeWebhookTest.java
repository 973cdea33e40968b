package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vigil.ingest.domain.Deployment;
import io.vigil.ingest.domain.WebhookSignature;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/** GitHub and GitLab post to Vigil unchanged: their own events, signatures, tokens and delivery ids. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class ForgeWebhookTest {

    /** A sample payload from the test resources, its project renamed so tests do not share deployments. */
    static String sample(String file, String project) throws IOException {
        try (InputStream in = ForgeWebhookTest.class.getResourceAsStream("/forge/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("demo-app", project)
                    .replace("billing-api", project);
        }
    }

    static RequestSpecification github(String event, String body, String secret) {
        return github(event, body, secret, UUID.randomUUID().toString());
    }

    static RequestSpecification github(String event, String body, String secret, String delivery) {
        return given().contentType(ContentType.JSON).header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", WebhookSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)))
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    static RequestSpecification gitlab(String event, String body, String token) {
        return given().contentType(ContentType.JSON).header("X-Gitlab-Event", event)
                .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString()).header("X-Gitlab-Token", token)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    static String project() {
        return "forge-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aGitHubWorkflowRunIsFollowedFromStartToEnd() throws IOException {
        String project = project();
        String running = github("workflow_run", sample("github-workflow_run-in_progress.json", project), "gh-secret")
                .post("/api/webhook/github").then().statusCode(200).body("status", equalTo("running"))
                .extract().path("deployment_id");
        String done = github("workflow_run", sample("github-workflow_run-completed-success.json", project), "gh-secret")
                .post("/api/webhook/github").then().statusCode(200).body("status", equalTo("success"))
                .extract().path("deployment_id");
        assertThat(done).isEqualTo(running);
        given().get("/api/deployments/" + done).then().statusCode(200)
                .body("repository", equalTo("acme/" + project)).body("deploy_type", equalTo("workflow"));
    }

    @Test
    void gitHubSignaturesPingsOtherEventsAndRedeliveries() throws IOException {
        String project = project();
        String body = sample("github-workflow_job-completed.json", project);
        github("workflow_job", body, "wrong-secret").post("/api/webhook/github").then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).header("X-GitHub-Event", "workflow_job").body(body)
                .post("/api/webhook/github").then().statusCode(401);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Deployment.countByProject(project))).isZero();

        github("ping", sample("github-ping.json", project), "gh-secret").post("/api/webhook/github")
                .then().statusCode(200).body("status", equalTo("pong"));
        github("issues", "{\"action\":\"opened\"}", "gh-secret").post("/api/webhook/github").then().statusCode(202);

        String delivery = UUID.randomUUID().toString();
        github("workflow_job", body, "gh-secret", delivery).post("/api/webhook/github")
                .then().statusCode(200).header("X-Vigil-Redelivery", "false");
        github("workflow_job", body, "gh-secret", delivery).post("/api/webhook/github")
                .then().statusCode(200).header("X-Vigil-Redelivery", "true");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Deployment.countByProject(project))).isOne();
    }

    @Test
    void aGitLabPipelineArrivesWithItsJobsAsSteps() throws IOException {
        String project = project();
        gitlab("Pipeline Hook", sample("gitlab-pipeline-success.json", project), "wrong").post("/api/webhook/gitlab")
                .then().statusCode(401);
        String id = gitlab("Pipeline Hook", sample("gitlab-pipeline-success.json", project), "gl-token")
                .post("/api/webhook/gitlab").then().statusCode(200).body("status", equalTo("success"))
                .extract().path("deployment_id");
        given().get("/api/deployments/" + id).then().statusCode(200)
                .body("deploy_type", equalTo("pipeline")).body("steps.size()", org.hamcrest.Matchers.greaterThan(1));
    }

    @Test
    void aForgePayloadMissingWhatItNeedsIsAProblemNamingThePath() throws IOException {
        String body = sample("github-workflow_run-in_progress.json", project()).replace("\"head_sha\"", "\"head_shaX\"");
        github("workflow_run", body, "gh-secret").post("/api/webhook/github").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("field", equalTo("workflow_run.head_sha"));
        github("workflow_run", "[1]", "gh-secret").post("/api/webhook/github").then().statusCode(400)
                .body("field", equalTo("body"));
    }
}
