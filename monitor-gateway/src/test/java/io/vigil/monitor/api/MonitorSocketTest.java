package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.EventCodec;
import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.AlertFired;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.messaging.MonitorEvents;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PublishedEvents;
import io.vigil.testing.Schema;
import io.vigil.testing.WsTestClient;

@QuarkusTest
@GatewayTestResources
class MonitorSocketTest {

    @TestHTTPResource("/ws/monitor")
    URI monitorHttp;
    @Inject
    MonitorEvents monitorEvents;
    @Inject
    AgroalDataSource dataSource;

    static KafkaProducer<String, String> producer;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @BeforeEach
    void gatewayIsReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    WsTestClient connect() {
        WsTestClient client = WsTestClient.connect(monitorHttp.toString().replaceFirst("^http", "ws"));
        client.await(m -> m.contains("\"type\":\"snapshot\""), Duration.ofSeconds(5));
        return client;
    }

    static VigilEvent<DeploymentUpdated> deployment(String project) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return VigilEvent.of(project, 1, now, new DeploymentUpdated(UUID.randomUUID().toString(), project, "acme/x",
                "main", "abc", Status.SUCCESS, "ci", "push", "backend", "ok", now, List.of()));
    }

    /** Sends an event the way an owner service does, as raw binary-mode CloudEvent headers. */
    static void produce(VigilEvent<?> event, String data) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.type().topic(), event.subject(), data);
        Map.of("ce_specversion", "1.0", "ce_id", event.id().toString(), "ce_type", event.type().ceType(),
                "ce_source", event.type().source().uri().toString(), "ce_subject", event.subject(),
                "ce_time", event.time().toString(), "ce_seq", Long.toString(event.seq()))
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    @Test
    void schemaIsMigratedOnTheThrowawayDatabase() {
        assertThat(Schema.databaseName(dataSource)).startsWith("vigil_test_monitor_");
        assertThat(Schema.appliedVersions(dataSource)).containsExactly("1", "2", "3", "4");
        assertThat(Schema.tables(dataSource)).containsExactlyInAnyOrder("alert", "silence", "event_sequence",
                "outbox_event", "metrics_aggregate", "event_log", "workflow", "flyway_schema_history");
    }

    @Test
    void anEventOnKafkaReachesAConnectedClientOnceWithinASecond() throws Exception {
        try (WsTestClient client = connect()) {
            VigilEvent<DeploymentUpdated> event = deployment("push-" + UUID.randomUUID());
            produce(event, EventCodec.encode(event.data()));
            produce(event, EventCodec.encode(event.data())); // a duplicate delivery
            String message = client.await(m -> m.contains(event.id().toString()), Duration.ofSeconds(1));
            assertThat(message).contains("\"type\":\"deployment.updated\"", "\"subject\":\"" + event.subject() + "\"");

            VigilEvent<DeploymentUpdated> next = deployment(event.subject());
            produce(next, EventCodec.encode(next.data()));
            client.await(m -> m.contains(next.id().toString()), Duration.ofSeconds(5));
            assertThat(client.messages()).filteredOn(m -> m.contains(event.id().toString())).hasSize(1);
        }
    }

    @Test
    void anInvalidRecordIsSkippedAndTheFeedGoesOn() throws Exception {
        try (WsTestClient client = connect()) {
            VigilEvent<DeploymentUpdated> broken = deployment("broken-" + UUID.randomUUID());
            produce(broken, "{\"project\":\"no-id\"}");
            producer.send(new ProducerRecord<>("vigil.deployments", "x", "not a cloud event")).get(10, TimeUnit.SECONDS);
            VigilEvent<DeploymentUpdated> good = deployment("after-" + UUID.randomUUID());
            produce(good, EventCodec.encode(good.data()));
            client.await(m -> m.contains(good.id().toString()), Duration.ofSeconds(5));
            assertThat(client.messages()).noneMatch(m -> m.contains(broken.id().toString()));
        }
    }

    @Test
    void aSubscriptionLimitsWhatAClientReceives() throws Exception {
        String wanted = "wanted-" + UUID.randomUUID();
        try (WsTestClient client = connect()) {
            client.send("{\"type\":\"subscribe\",\"projects\":[\"" + wanted + "\"]}");
            client.await(m -> m.contains("\"type\":\"subscribed\""), Duration.ofSeconds(5));
            VigilEvent<DeploymentUpdated> skipped = deployment("other-" + UUID.randomUUID());
            VigilEvent<DeploymentUpdated> kept = deployment(wanted);
            produce(skipped, EventCodec.encode(skipped.data()));
            produce(kept, EventCodec.encode(kept.data()));
            client.await(m -> m.contains(kept.id().toString()), Duration.ofSeconds(5));
            assertThat(client.messages()).noneMatch(m -> m.contains(skipped.id().toString()));
        }
    }

    @Test
    void theSnapshotShowsTheLatestDeploymentOfEachProject() throws Exception {
        VigilEvent<DeploymentUpdated> event = deployment("snap-" + UUID.randomUUID());
        try (WsTestClient first = connect()) {
            produce(event, EventCodec.encode(event.data()));
            first.await(m -> m.contains(event.id().toString()), Duration.ofSeconds(5));
        }
        try (WsTestClient later = WsTestClient.connect(monitorHttp.toString().replaceFirst("^http", "ws"))) {
            String snapshot = later.await(m -> m.contains("\"type\":\"snapshot\""), Duration.ofSeconds(5));
            assertThat(snapshot).contains(event.subject());
        }
    }

    @Test
    void pingIsAnsweredAndNonsenseIsAnErrorNotADisconnect() {
        try (WsTestClient client = connect()) {
            client.send("{\"type\":\"ping\"}");
            client.await(m -> m.contains("\"type\":\"pong\""), Duration.ofSeconds(5));
            client.send("{{{");
            client.await(m -> m.contains("\"type\":\"error\"") && m.contains("not JSON"), Duration.ofSeconds(5));
            client.send("{\"type\":\"ping\"}");
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> client.messages().stream().filter(m -> m.contains("\"pong\"")).count() == 2);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void theGatewaysOwnEventsReachTheBrokerAndComeBackToClients() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        VigilEvent<AlertFired> alert = VigilEvent.of("alert-1", 1, now,
                new AlertFired("alert-1", "deploy-failures", "critical", "fp", "3 of 5 failed", Map.of(), now));
        try (WsTestClient client = connect()) {
            monitorEvents.publish(alert).await().atMost(Duration.ofSeconds(10));
            PublishedEvents.assertPublished(alert, Duration.ofSeconds(10));
            client.await(m -> m.contains(alert.id().toString()) && m.contains("alert.fired"), Duration.ofSeconds(5));
        }
    }
}
