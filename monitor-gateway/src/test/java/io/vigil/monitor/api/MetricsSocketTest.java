package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.EventCodec;
import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.MetricsSnapshot;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.metrics.MetricsBoard;
import io.vigil.monitor.metrics.MetricsReport;
import io.vigil.monitor.metrics.MetricsStore;
import io.vigil.monitor.metrics.MetricsUpdates;
import io.vigil.monitor.metrics.SnapshotPublisher;
import io.vigil.testing.EventPublisher;
import io.vigil.testing.PublishedEvents;
import io.vigil.testing.Schema;
import io.vigil.testing.WsTestClient;

@QuarkusTest
@GatewayTestResources
class MetricsSocketTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/ws/metrics")
    URI metricsHttp;
    @TestHTTPResource("/api/v1/group-ai/monitor/ws/metrics")
    URI legacyHttp;
    @TestHTTPResource("/ws/monitor")
    URI monitorHttp;
    @Inject
    MetricsUpdates updates;
    @Inject
    MetricsStore store;
    @Inject
    MetricsBoard board;
    @Inject
    SnapshotPublisher snapshots;
    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void gatewayIsReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    static WsTestClient connect(URI http, String query) {
        return WsTestClient.connect(http.toString().replaceFirst("^http", "ws") + query);
    }

    static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    /** A project with one deployment that ran 30 s and succeeded, reported twice and once out of order. */
    static String deployedProject() {
        String project = "metrics-" + UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EventPublisher.publish(project, 1, deployment(project, Status.RUNNING, start));
        EventPublisher.publish(project, 2, deployment(project, Status.SUCCESS, start.plusSeconds(30)));
        EventPublisher.publish(project, 3, deployment(project, Status.SUCCESS, start.plusSeconds(30)));
        EventPublisher.publish(project, 4, deployment(project, Status.RUNNING, start.plusSeconds(10)));
        return project;
    }

    static DeploymentUpdated deployment(String project, Status status, Instant at) {
        return new DeploymentUpdated("d-" + project, project, "acme/x", "main", "abc", status, "ci", "push", "backend",
                "ok", at, List.of());
    }

    static JsonNode projectIn(JsonNode projects, String project) {
        for (JsonNode node : projects) {
            if (node.path("project").asText().equals(project) || node.path("account_id").asText().equals(project)) {
                return node;
            }
        }
        return null;
    }

    @Test
    void anUpdateComesAtOnceThenEveryPeriodWithTheAggregatesOfEachProject() {
        String project = deployedProject();
        Awaitility.await().atMost(WAIT).until(() -> board.report(Instant.now(), updates.report().gateway())
                .projects().stream().anyMatch(p -> p.project().equals(project) && p.durationAvgSeconds() != null));
        try (WsTestClient client = connect(metricsHttp, "?period=1")) {
            JsonNode first = json(client.await(m -> m.contains("\"metrics_update\""), WAIT));
            assertThat(first.fieldNames()).toIterable().containsExactlyInAnyOrder("type", "timestamp", "data");
            assertThat(projectIn(first.at("/data/projects"), project).toString()).isEqualTo("{\"project\":\""
                    + project + "\",\"deployments_total\":1,\"deployments_succeeded\":1,\"deployments_failed\":0,"
                    + "\"success_rate\":1.0,\"duration_avg_seconds\":30.0,\"duration_p90_seconds\":30.0,"
                    + "\"in_progress\":0,\"rollbacks\":0,\"last_activity\":\""
                    + projectIn(first.at("/data/projects"), project).get("last_activity").asText() + "\"}");
            assertThat(first.at("/data/gateway/connections/~1ws~1metrics").asLong()).isGreaterThanOrEqualTo(1);

            Awaitility.await().atMost(WAIT).until(() -> client.messages().stream()
                    .filter(m -> m.contains("\"metrics_update\"")).count() >= 3);
        }
    }

    @Test
    void noTimerRunsAndNothingIsComputedWithoutAListener() {
        Awaitility.await().atMost(WAIT).until(() -> updates.runningTimers() == 0);
        long before = updates.computedUpdates();
        try (WsTestClient client = connect(metricsHttp, "?period=1")) {
            client.await(m -> m.contains("\"metrics_update\""), WAIT);
            assertThat(updates.runningTimers()).isEqualTo(1);
        }
        Awaitility.await().atMost(WAIT).until(() -> updates.runningTimers() == 0);
        long after = updates.computedUpdates();
        assertThat(after).isGreaterThan(before);

        // something else goes through the gateway end to end; still no update is computed
        try (WsTestClient monitor = WsTestClient.connect(monitorHttp.toString().replaceFirst("^http", "ws"))) {
            monitor.await(m -> m.contains("\"snapshot\""), WAIT);
            String project = deployedProject();
            monitor.await(m -> m.contains(project) && m.contains("\"deployment.updated\""), WAIT);
        }
        given().get("/api/v1/group-ai/monitor/system").then().statusCode(200);
        assertThat(updates.computedUpdates()).isEqualTo(after);
        assertThat(updates.runningTimers()).isZero();
    }

    @Test
    void aClientChangesItsPeriodAndBadRequestsAreErrorsThatKeepTheConnection() {
        try (WsTestClient client = connect(metricsHttp, "")) {
            client.await(m -> m.contains("\"metrics_update\""), WAIT);
            client.send("{\"type\":\"ping\"}");
            client.await(m -> m.contains("\"type\":\"pong\""), WAIT);
            client.send("{{{");
            client.await(m -> m.contains("\"type\":\"error\"") && m.contains("message is not JSON"), WAIT);
            client.send("{\"type\":\"period\",\"seconds\":61}");
            client.await(m -> m.contains("\"type\":\"error\"")
                    && m.contains("field 'seconds' must be a whole number of seconds, 1 to 60, was 61"), WAIT);
            client.send("{\"type\":\"subscribe\"}");
            client.await(m -> m.contains("unknown message type 'subscribe'; use ping or period"), WAIT);
            assertThat(client.isClosed()).isFalse();

            client.send("{\"type\":\"period\",\"seconds\":1}");
            JsonNode ack = json(client.await(m -> m.contains("\"type\":\"period\""), WAIT));
            assertThat(ack.get("data").toString()).isEqualTo("{\"seconds\":1}");
            int seen = client.messages().size();
            Awaitility.await().atMost(WAIT).until(() -> client.messages().stream().skip(seen)
                    .filter(m -> m.contains("\"metrics_update\"")).count() >= 2);
        }
    }

    @Test
    void aBadPeriodInTheQueryIsRefusedWith4400() {
        for (String bad : List.of("0", "61", "abc", "1.5")) {
            try (WsTestClient client = connect(metricsHttp, "?period=" + bad)) {
                String error = client.await(m -> m.contains("\"type\":\"error\""), WAIT);
                assertThat(json(error).at("/data/message").asText())
                        .isEqualTo("period must be a whole number of seconds, 1 to 60, was " + bad);
                assertThat(client.closeCode(WAIT)).isEqualTo(4400);
                assertThat(client.messages()).noneMatch(m -> m.contains("metrics_update"));
            }
        }
    }

    @Test
    void theLegacyAliasSendsTheReplacedSystemsShape() {
        String project = deployedProject();
        Awaitility.await().atMost(WAIT).until(() -> updates.report().projects().stream()
                .anyMatch(p -> p.project().equals(project) && p.deploymentsTotal() == 1));
        try (WsTestClient client = connect(legacyHttp, "")) {
            JsonNode update = json(client.await(m -> m.contains("\"metrics_update\""), WAIT));
            assertThat(update.fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("type", "timestamp", "system_metrics", "account_metrics");
            assertThat(update.get("system_metrics").fieldNames()).toIterable().contains("total_accounts",
                    "online_accounts", "total_messages", "total_replies", "total_redpackets", "total_errors",
                    "average_reply_time");
            JsonNode account = projectIn(update.get("account_metrics"), project);
            assertThat(account.get("message_count").asLong()).isEqualTo(1);
            assertThat(account.get("reply_count").asLong()).isEqualTo(1);
            assertThat(account.get("redpacket_count").asLong()).isZero();
            assertThat(account.get("error_count").asLong()).isZero();
            assertThat(account.get("last_activity").isTextual()).isTrue();
            client.send("{\"type\":\"ping\"}");
            client.await(m -> m.contains("\"type\":\"pong\""), WAIT);
        }
    }

    @Test
    void theLegacyRestPathsAnswerInTheReplacedSystemsShapes() {
        String project = deployedProject();
        Awaitility.await().atMost(WAIT).until(() -> updates.report().projects().stream()
                .anyMatch(p -> p.project().equals(project) && p.deploymentsTotal() == 1));

        given().queryParam("account_id", project).get("/api/v1/group-ai/monitor/accounts/metrics").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].account_id", equalTo(project))
                .body("[0].message_count", equalTo(1)).body("[0].reply_count", equalTo(1))
                .body("[0].redpacket_count", equalTo(0)).body("[0].error_count", equalTo(0));
        given().queryParam("account_id", "nobody-" + UUID.randomUUID()).get("/api/v1/group-ai/monitor/accounts/metrics")
                .then().statusCode(200).body("size()", equalTo(0));
        given().get("/api/v1/group-ai/monitor/system").then().statusCode(200)
                .body("total_accounts", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("timestamp", org.hamcrest.Matchers.notNullValue());
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/group-ai/monitor/system"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/group-ai/monitor/accounts/metrics"));
    }

    @Test
    void aBadAccountIdIsAProblemNamingTheField() {
        for (String bad : List.of(" ", "a".repeat(201), "x\u0001y")) {
            given().queryParam("account_id", bad).get("/api/v1/group-ai/monitor/accounts/metrics").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("account_id")).body("status", equalTo(400))
                    .body("errors[0].field", equalTo("account_id"));
        }
    }

    @Test
    void theAggregatesAreSavedAndLoadedBackAsTheyWere() {
        String project = deployedProject();
        Awaitility.await().atMost(WAIT).until(() -> updates.report().projects().stream()
                .anyMatch(p -> p.project().equals(project) && p.deploymentsTotal() == 1));
        assertThat(Schema.appliedVersions(dataSource)).contains("3");
        assertThat(Schema.tables(dataSource)).contains("metrics_aggregate");

        store.save();
        MetricsBoard restarted = new MetricsBoard(new MetricsBoard.Limits(1000, 100, Duration.ofSeconds(60)));
        restarted.restore(store.load());

        Instant now = Instant.now();
        MetricsReport.GatewayMetrics gateway = updates.report().gateway();
        MetricsReport.ProjectMetrics before = board.report(now, gateway).projects().stream()
                .filter(p -> p.project().equals(project)).findFirst().orElseThrow();
        assertThat(restarted.report(now, gateway).projects()).contains(before);
        assertThat(store.save()).as("nothing changed since").isZero();
    }

    @Test
    void aSnapshotIsPublishedToTheMetricsTopic() {
        String project = deployedProject();
        Awaitility.await().atMost(WAIT).until(() -> updates.report().projects().stream()
                .anyMatch(p -> p.project().equals(project) && p.deploymentsTotal() == 1));

        VigilEvent<MetricsSnapshot> first = snapshots.publish();
        VigilEvent<MetricsSnapshot> second = snapshots.publish();

        PublishedEvents.assertPublished(first, WAIT);
        PublishedEvents.assertPublished(second, WAIT);
        assertThat(first.subject()).isEqualTo("metrics");
        assertThat(second.seq()).isEqualTo(first.seq() + 1);
        assertThat(second.data().from()).isEqualTo(first.data().to());
        assertThat(first.data().values()).containsEntry("deployments_total{project=\"" + project + "\"}", 1.0)
                .containsEntry("deployment_duration_seconds_avg{project=\"" + project + "\"}", 30.0);
    }

    @Test
    void theGatewaysOwnMetricsAreOnThePrometheusEndpoint() {
        try (WsTestClient monitor = WsTestClient.connect(monitorHttp.toString().replaceFirst("^http", "ws"));
                WsTestClient metrics = connect(metricsHttp, "")) {
            monitor.await(m -> m.contains("\"snapshot\""), WAIT);
            metrics.await(m -> m.contains("\"metrics_update\""), WAIT);
            String project = deployedProject();
            monitor.await(m -> m.contains(project), WAIT);

            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                    .contains("vigil_gateway_event_age_seconds_bucket{", "vigil_gateway_event_age_seconds_count",
                            "vigil_gateway_connections{endpoint=\"/ws/metrics\"} ",
                            "vigil_gateway_connections{endpoint=\"/ws/monitor\"} ",
                            "vigil_gateway_messages_sent_total ", "vigil_gateway_lagging_disconnects_total ",
                            "vigil_metrics_updates_computed_total "));
            String scrape = given().get("/q/metrics").asString();
            assertThat(scrape).doesNotContain("vigil_gateway_event_age_seconds_count 0.0");
            assertThat(scrape).doesNotContain("vigil_gateway_connections{endpoint=\"/ws/metrics\"} 0.0");
        }
    }
}
