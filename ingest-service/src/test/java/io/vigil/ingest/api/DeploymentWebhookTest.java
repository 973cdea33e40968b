package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.events.EventCodec;
import io.vigil.events.Status;
import io.vigil.events.Topics;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.ingest.domain.Deployment;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.TopicReader;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class DeploymentWebhookTest {

    @Inject
    EntityManager entityManager;

    static String body(String project, String commit, String status, String steps) {
        return """
                {"project":"%s","repository":"acme/%s","branch":"main","commit_hash":"%s","status":"%s",
                 "triggered_by":"axi-deploy","trigger_type":"manual","deploy_type":"backend",
                 "deploy_path":"/srv/apps/%s","test_url":"https://example.test/health","message":"deployed",
                 "timestamp":"2024-01-01T00:00:00Z","step_details":%s}"""
                .formatted(project, project, commit, status, project, steps);
    }

    static final String ALL_STEPS = """
            {"validate_artifact":"success","parse_secrets":"success","server_init":"skipped",
             "deploy_project":"success","configure_nginx":"success","start_service":"skipped",
             "test_website_static":"skipped","test_website_backend":"success"}""";

    @Test
    void schemaIsMigratedOnTheThrowawayDatabase() {
        List<Object> applied = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank").getResultList().stream().map(Object::toString).map(Object.class::cast).toList());
        assertThat(applied).contains("1");
        Object database = QuarkusTransaction.requiringNew().call(
                () -> entityManager.createNativeQuery("SELECT current_database()").getSingleResult());
        assertThat(database.toString()).startsWith("vigil_test_ingest_");
    }

    @Test
    void storesTheWebhookAndPublishesItAsACloudEvent() {
        String project = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().contentType(ContentType.JSON).body(body(project, "9f2c1e7", "success", ALL_STEPS))
                .post("/api/webhook/deployment")
                .then().statusCode(200).body("project", equalTo(project)).body("status", equalTo("success"))
                .extract().path("deployment_id");

        Deployment stored = QuarkusTransaction.requiringNew().call(() -> {
            Deployment d = Deployment.findById(UUID.fromString(id));
            d.steps.size();
            return d;
        });
        assertThat(stored.commitHash).isEqualTo("9f2c1e7");
        assertThat(stored.steps).extracting(s -> s.name).containsExactly("validate_artifact", "parse_secrets",
                "server_init", "deploy_project", "configure_nginx", "start_service", "test_website_static",
                "test_website_backend");

        ConsumerRecord<String, String> record = TopicReader.awaitRecord(Topics.DEPLOYMENTS,
                r -> project.equals(r.key()) && "io.vigil.deployment.updated".equals(TopicReader.header(r, "ce_type")),
                Duration.ofSeconds(10));
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/vigil/ingest");
        assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(project);
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "ce_id")).isNotBlank();
        DeploymentUpdated payload = EventCodec.decode(DeploymentUpdated.class, record.value());
        assertThat(payload.deploymentId()).isEqualTo(id);
        assertThat(payload.status()).isEqualTo(Status.SUCCESS);
        assertThat(payload.steps()).hasSize(8);
        assertThat(payload.steps().get(3).stepType()).isEqualTo("deployment");
    }

    @Test
    void aLiveReportContinuesItsDeploymentAndNumbersEventsWithoutGaps() {
        String project = "live-" + UUID.randomUUID().toString().substring(0, 8);
        String first = given().contentType(ContentType.JSON)
                .body(body(project, "abc1234", "running", "{\"validate_artifact\":\"success\",\"deploy_project\":\"running\"}"))
                .post("/api/webhook/deployment").then().statusCode(200).extract().path("deployment_id");
        String second = given().contentType(ContentType.JSON)
                .body(body(project, "abc1234", "success", "{\"validate_artifact\":\"success\",\"deploy_project\":\"success\"}"))
                .post("/api/webhook/deployment").then().statusCode(200).extract().path("deployment_id");
        assertThat(second).isEqualTo(first);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> TopicReader.readAll(Topics.DEPLOYMENTS).stream().filter(r -> project.equals(r.key())).count() == 5);
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(Topics.DEPLOYMENTS).stream()
                .filter(r -> project.equals(r.key())).toList();
        // first report: 2 new steps + the deployment; second: 1 changed step + the deployment
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(
                "io.vigil.step.updated", "io.vigil.step.updated", "io.vigil.deployment.updated",
                "io.vigil.step.updated", "io.vigil.deployment.updated");
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_seq")).containsExactly("1", "2", "3", "4", "5");
    }

    static Stream<Arguments> badBodies() {
        String p = "bad-project";
        return Stream.of(
                Arguments.of("{\"project\":", "body"),
                Arguments.of("[1,2]", "body"),
                Arguments.of(body(p, "c", "success", ALL_STEPS).replace("\"project\":\"bad-project\",", ""), "project"),
                Arguments.of(body(p, "c", "success", ALL_STEPS).replace("\"project\":\"bad-project\"", "\"project\":\"  \""), "project"),
                Arguments.of(body(p, "c", "mostly-fine", ALL_STEPS), "status"),
                Arguments.of(body(p, "c", "success", ALL_STEPS).replace("2024-01-01T00:00:00Z", "yesterday"), "timestamp"),
                Arguments.of(body(p, "c", "success", "{\"deploy_project\":\"sort of\"}"), "step_details.deploy_project"),
                Arguments.of(body(p, "c", "success", "[\"deploy_project\"]"), "step_details"),
                Arguments.of(body(p, "c", "success", ALL_STEPS).replace("acme/bad-project", "x".repeat(600)), "repository"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadBodyIsAProblemNamingTheFieldAndNothingIsStoredOrPublished(String body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/api/webhook/deployment")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("instance", equalTo("/api/webhook/deployment"));
        long stored = QuarkusTransaction.requiringNew().call(() -> Deployment.countByProject("bad-project"));
        assertThat(stored).isZero();
        assertThat(TopicReader.readAll(Topics.DEPLOYMENTS)).noneMatch(r -> "bad-project".equals(r.key()));
    }

    @Test
    void anEmptyBodyAndAWrongMediaTypeAreProblemsToo() {
        given().contentType(ContentType.JSON).post("/api/webhook/deployment")
                .then().statusCode(400).contentType(startsWith("application/problem+json")).body("field", equalTo("body"));
        given().contentType(ContentType.TEXT).body("project=x").post("/api/webhook/deployment")
                .then().statusCode(415).contentType(startsWith("application/problem+json"));
    }
}
