package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.events.EventCodec;
import io.vigil.events.Topics;
import io.vigil.events.payload.StepUpdated;
import io.vigil.ingest.domain.Deployment;
import io.vigil.ingest.domain.DeploymentStep;
import io.vigil.ingest.domain.WebhookSignature;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.TopicReader;

/** Who may post, what a redelivery does, and what live step reports carry. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class WebhookDeliveryTest {

    static String project() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String report(String project, String extra) {
        return "{\"project\":\"" + project + "\",\"commit_hash\":\"abc\",\"status\":\"running\"" + extra + "}";
    }

    static long deploymentsOf(String project) {
        return QuarkusTransaction.requiringNew().call(() -> Deployment.countByProject(project));
    }

    static long eventsOf(String project, String type) {
        return TopicReader.readAll(Topics.DEPLOYMENTS).stream()
                .filter(r -> project.equals(r.key()) && type.equals(TopicReader.header(r, "ce_type"))).count();
    }

    @Test
    void aSignedSenderIsAcceptedOnlyWithTheRightSignature() {
        String project = project();
        byte[] body = report(project, "").getBytes(StandardCharsets.UTF_8);
        String good = WebhookSignature.sign("test-secret", body);

        for (String bad : new String[] {null, WebhookSignature.sign("wrong-secret", body), "sha256=nothex", good + "ff"}) {
            var request = given().contentType(ContentType.JSON).header("X-Vigil-Sender", "signed-ci").body(body);
            if (bad != null) {
                request = request.header("X-Vigil-Signature", bad);
            }
            request.post("/api/webhook/deployment").then().statusCode(401)
                    .contentType(startsWith("application/problem+json")).body("status", equalTo(401));
        }
        assertThat(deploymentsOf(project)).isZero();

        given().contentType(ContentType.JSON).header("X-Vigil-Sender", "signed-ci").header("X-Vigil-Signature", good)
                .body(body).post("/api/webhook/deployment").then().statusCode(200).body("project", equalTo(project));
        assertThat(deploymentsOf(project)).isOne();
    }

    @Test
    void unknownAndLockedSendersAreRefused() {
        String project = project();
        given().contentType(ContentType.JSON).header("X-Vigil-Sender", "stranger").body(report(project, ""))
                .post("/api/webhook/deployment").then().statusCode(401).body("detail", containsString("unknown sender"));
        given().contentType(ContentType.JSON).header("X-Vigil-Sender", "locked").body(report(project, ""))
                .post("/api/webhook/deployment").then().statusCode(401).body("detail", containsString("unsigned"));
        assertThat(deploymentsOf(project)).isZero();
    }

    @Test
    void aSenderOverItsRateLimitIsToldWhenToRetry() {
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            var response = given().contentType(ContentType.JSON).header("X-Vigil-Sender", "slow")
                    .body(report(project(), "")).post("/api/webhook/deployment");
            if (response.statusCode() == 429) {
                limited++;
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 2);
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("a burst of 6 against 2 per second").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRedeliveryGetsTheFirstAnswerAndEmitsNothingNew() {
        String project = project();
        String delivery = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("X-Vigil-Delivery", delivery)
                .body(report(project, "")).post("/api/webhook/deployment")
                .then().statusCode(200).header("X-Vigil-Redelivery", "false").extract().path("deployment_id");
        // the same delivery, even with another body, changes nothing
        String again = given().contentType(ContentType.JSON).header("X-Vigil-Delivery", delivery)
                .body(report(project, ",\"message\":\"changed\"").replace("running", "success")).post("/api/webhook/deployment")
                .then().statusCode(200).header("X-Vigil-Redelivery", "true").body("status", equalTo("running"))
                .extract().path("deployment_id");
        assertThat(again).isEqualTo(first);

        // without a delivery id, the same body is the same delivery
        String bodyOnly = report(project, ",\"triggered_by\":\"cron\"");
        given().contentType(ContentType.JSON).body(bodyOnly).post("/api/webhook/deployment")
                .then().statusCode(200).header("X-Vigil-Redelivery", "false");
        given().contentType(ContentType.JSON).body(bodyOnly).post("/api/webhook/deployment")
                .then().statusCode(200).header("X-Vigil-Redelivery", "true");

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> eventsOf(project, "io.vigil.deployment.updated") == 2);
        assertThat(deploymentsOf(project)).isEqualTo(2);
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        String huge = report(project(), ",\"message\":\"" + "x".repeat(1_100_000) + "\"");
        given().contentType(ContentType.JSON).body(huge).post("/api/webhook/deployment")
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
    }

    @Test
    void liveStepReportsCarryTimesAndErrorsIntoStorageAndEvents() {
        String project = project();
        given().contentType(ContentType.JSON).body(report(project,
                ",\"deployment_id\":\"run-7\",\"step_details\":{\"build\":{\"status\":\"running\",\"started_at\":\"2024-01-01T00:00:00Z\"}}"))
                .post("/api/webhook/deployment").then().statusCode(200);
        given().contentType(ContentType.JSON).body(report(project,
                ",\"deployment_id\":\"run-7\",\"commit_hash\":\"other\",\"step_details\":{\"build\":{\"status\":\"failed\","
                        + "\"finished_at\":\"2024-01-01T00:00:42Z\",\"error\":\"exit 2\"}}").replace("\"commit_hash\":\"abc\",", ""))
                .post("/api/webhook/deployment").then().statusCode(200);

        assertThat(deploymentsOf(project)).as("the sender's deployment_id names one deployment").isOne();
        DeploymentStep step = QuarkusTransaction.requiringNew().call(
                () -> DeploymentStep.<DeploymentStep>find("deployment.project", project).firstResult());
        assertThat(step.startedAt).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(step.finishedAt).isEqualTo(Instant.parse("2024-01-01T00:00:42Z"));
        assertThat(step.error).isEqualTo("exit 2");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(project, "io.vigil.step.updated") == 2);
        StepUpdated last = TopicReader.readAll(Topics.DEPLOYMENTS).stream()
                .filter(r -> project.equals(r.key()) && "io.vigil.step.updated".equals(TopicReader.header(r, "ce_type")))
                .map(r -> EventCodec.decode(StepUpdated.class, r.value())).reduce((a, b) -> b).orElseThrow();
        assertThat(last.error()).isEqualTo("exit 2");
        assertThat(last.startedAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void badStepObjectsAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(report(project(), ",\"step_details\":{\"build\":{\"status\":\"running\",\"started_at\":\"soon\"}}"))
                .post("/api/webhook/deployment").then().statusCode(400).body("field", equalTo("step_details.build.started_at"));
        given().contentType(ContentType.JSON).body(report(project(), ",\"step_details\":{\"build\":{}}"))
                .post("/api/webhook/deployment").then().statusCode(400).body("field", equalTo("step_details.build.status"));
        given().contentType(ContentType.JSON).body(report(project(), ",\"step_details\":{\"build\":42}"))
                .post("/api/webhook/deployment").then().statusCode(400).body("field", equalTo("step_details.build"));
        given().contentType(ContentType.JSON).body(report(project(), ",\"duration_ms\":-5"))
                .post("/api/webhook/deployment").then().statusCode(400).body("field", equalTo("duration_ms"));
    }
}
