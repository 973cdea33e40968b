package io.vigil.pipeline.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.events.EventCodec;
import io.vigil.events.Status;
import io.vigil.events.Topics;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/** A deployment event from vigil.deployments starts the pipelines whose trigger it matches, once. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "pipeline"))
@WithTestResource(RunDirectories.class)
class DeploymentTriggersTest {

    /** Publishes a deployment event as ingest-service does: a binary-mode CloudEvent keyed by project. */
    static void publish(String project, String deploymentId, Status status) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            DeploymentUpdated data = new DeploymentUpdated(deploymentId, project, null, null, "abc", status, "ci",
                    null, null, null, Instant.now(), List.of(), null);
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DEPLOYMENTS, project,
                    EventCodec.encode(data));
            Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source", "/vigil/ingest",
                    "ce_type", "io.vigil.deployment.updated", "ce_subject", project, "ce_time", Instant.now().toString(),
                    "ce_seq", "1", "content-type", "application/json")
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record);
        }
    }

    static List<Map<String, Object>> runsOf(String pipelineId) {
        return given().get("/api/runs?pipeline_id=" + pipelineId).then().statusCode(200).extract().path("items");
    }

    @Test
    void aMatchingDeploymentStartsThePipelineOnceAndOthersDoNot() {
        String project = "trig-" + UUID.randomUUID().toString().substring(0, 8);
        String pipelineId = given().contentType("application/yaml").body(("""
                name: on-%s
                trigger: {project: %s, status: success}
                steps:
                  - {name: smoke, run: echo smoke test}
                """.formatted(project, project)).getBytes(StandardCharsets.UTF_8)).post("/api/pipelines").then()
                .statusCode(201).extract().path("id");
        String deployment = UUID.randomUUID().toString();

        publish(project, deployment, Status.RUNNING);
        publish(project + "-other", UUID.randomUUID().toString(), Status.SUCCESS);
        publish(project, deployment, Status.SUCCESS);
        publish(project, deployment, Status.SUCCESS); // reported again: no second run

        List<Map<String, Object>> runs = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> runsOf(pipelineId), r -> !r.isEmpty());
        String runId = (String) runs.get(0).get("id");
        JsonPath run = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> given().get("/api/runs/" + runId).then().extract().jsonPath(),
                r -> "success".equals(r.getString("status")));
        assertThat(run.getString("triggered_by")).isEqualTo("deployment " + deployment + " of " + project + ", success");

        publish(project, UUID.randomUUID().toString(), Status.FAILED); // a marker: once it is consumed, all were
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> runsOf(pipelineId).size() == 1);
    }
}
