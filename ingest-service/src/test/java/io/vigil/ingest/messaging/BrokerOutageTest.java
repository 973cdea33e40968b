package io.vigil.ingest.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.events.Topics;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.TopicReader;
import io.vigil.testing.kafka.EmbeddedKafka;

/** With the broker down, webhooks are still accepted; once it is back, every event arrives, each once. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class BrokerOutageTest {

    @Test
    void webhooksDuringAnOutageAreDeliveredOnceTheBrokerIsBack() {
        EmbeddedKafka broker = KafkaTestResource.broker();
        String project = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> deployments = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < 5; i++) {
                deployments.add(given().contentType(ContentType.JSON)
                        .body("{\"project\":\"" + project + "\",\"commit_hash\":\"c" + i + "\",\"status\":\"success\"}")
                        .post("/api/webhook/deployment").then().statusCode(200).extract().path("deployment_id"));
            }
        } finally {
            broker.start();
        }

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> eventsOf(project).size() >= 5);
        List<ConsumerRecord<String, String>> records = eventsOf(project);
        Set<String> ids = records.stream().map(r -> TopicReader.header(r, "ce_id")).collect(Collectors.toSet());
        assertThat(ids).as("every event once").hasSize(records.size()).hasSize(5);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_seq")).containsExactly("1", "2", "3", "4", "5");
        assertThat(records).allMatch(r -> deployments.stream().anyMatch(r.value()::contains));
    }

    static List<ConsumerRecord<String, String>> eventsOf(String project) {
        return TopicReader.readAll(Topics.DEPLOYMENTS).stream().filter(r -> project.equals(r.key())).toList();
    }
}
