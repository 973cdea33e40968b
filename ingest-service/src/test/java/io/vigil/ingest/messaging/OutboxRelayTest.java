package io.vigil.ingest.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.StepUpdated;
import io.vigil.outbox.OutboxRelay;
import io.vigil.outbox.OutboxEvent;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.PublishedEvents;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class OutboxRelayTest {

    @Inject
    OutboxRelay relay;

    static List<OutboxEvent> rowsOf(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list("subject", subject));
    }

    @Test
    void committedEventsAreMarkedSentOnceKafkaConfirmsThem() {
        String project = "sent-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"project\":\"" + project + "\",\"status\":\"running\",\"step_details\":{\"build\":\"running\"}}")
                .post("/api/webhook/deployment").then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> rowsOf(project).size() == 2 && rowsOf(project).stream().allMatch(r -> r.sentAt != null));
    }

    @Test
    void theSweepSendsAnEventWhoseSendWasNeverConfirmed() {
        // as if the service died between commit and Kafka's confirmation
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String project = "orphan-" + UUID.randomUUID().toString().substring(0, 8);
        VigilEvent<StepUpdated> event = VigilEvent.of(project, 1, now,
                new StepUpdated(UUID.randomUUID().toString(), project, "deploy_project", "deployment", Status.SUCCESS, now));
        QuarkusTransaction.requiringNew().run(() -> OutboxEvent.of(event, now.minus(1, ChronoUnit.HOURS)).persist());

        relay.sweep();

        PublishedEvents.assertPublished(event, Duration.ofSeconds(10));
        assertThat(rowsOf(project)).singleElement().satisfies(row -> assertThat(row.sentAt).isNotNull());
    }
}
