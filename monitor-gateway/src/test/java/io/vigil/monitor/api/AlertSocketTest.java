package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.events.EventCodec;
import io.vigil.events.Status;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.alerts.Alert;
import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertLedger;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;
import io.vigil.testing.EventPublisher;
import io.vigil.testing.WsTestClient;

/**
 * {@code /ws/alerts} and the existing clients' alias, end to end: events on Kafka fire and resolve alerts through the
 * rules, the alert events come back through the broker and reach every client in its shape.
 */
@QuarkusTest
@GatewayTestResources
class AlertSocketTest {

    @TestHTTPResource("/ws/alerts")
    URI alertsHttp;
    @TestHTTPResource("/api/v1/group-ai/monitor/ws/alerts")
    URI legacyHttp;
    @Inject
    AlertLedger ledger;

    @BeforeEach
    void gatewayIsReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    WsTestClient alerts() {
        WsTestClient client = WsTestClient.connect(alertsHttp.toString().replaceFirst("^http", "ws"));
        client.await(m -> m.contains("\"type\":\"alerts\""), Duration.ofSeconds(5));
        return client;
    }

    WsTestClient legacy() {
        return WsTestClient.connect(legacyHttp.toString().replaceFirst("^http", "ws"));
    }

    static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    static DeploymentUpdated deployment(String project, Status status) {
        return new DeploymentUpdated("d-" + UUID.randomUUID(), project, "acme/" + project, "main", "abc", status, "ci",
                "push", "backend", "step deploy_project failed", Instant.now(), List.of());
    }

    @Test
    void aFailedDeploymentFiresAnAlertThatEveryClientSeesAndTheNextSuccessResolvesIt() {
        String project = "ws-" + UUID.randomUUID();
        try (WsTestClient client = alerts(); WsTestClient old = legacy()) {
            EventPublisher.publish(project, 1, deployment(project, Status.FAILED));
            JsonNode fired = json(client.await(m -> m.contains("alert.fired") && m.contains(project),
                    Duration.ofSeconds(10)));
            JsonNode alert = fired.get("data");
            String id = alert.get("id").asText();
            assertThat(fired.get("timestamp").asText()).isNotBlank();
            assertThat(alert.get("rule").asText()).isEqualTo("deployment-failed");
            assertThat(alert.get("severity").asText()).isEqualTo("critical");
            assertThat(alert.get("fingerprint").asText())
                    .isEqualTo(AlertKey.of("deployment-failed", "project", project).fingerprint());
            assertThat(id).isEqualTo(alert.get("fingerprint").asText() + "-1");
            assertThat(alert.get("labels").get("project").asText()).isEqualTo(project);
            assertThat(alert.get("state").asText()).isEqualTo("open");

            JsonNode legacyFired = json(old.await(m -> m.contains(id), Duration.ofSeconds(10)));
            assertThat(fieldNames(legacyFired)).containsExactly("type", "timestamp", "alert");
            assertThat(legacyFired.get("type").asText()).isEqualTo("alert");
            assertThat(fieldNames(legacyFired.get("alert")))
                    .containsExactly("alert_id", "alert_type", "account_id", "message", "resolved");
            assertThat(legacyFired.get("alert").get("alert_type").asText()).isEqualTo("error");
            assertThat(legacyFired.get("alert").get("account_id").asText()).isEqualTo(project);
            assertThat(legacyFired.get("alert").get("message").asText()).endsWith("failed: step deploy_project failed");
            assertThat(legacyFired.get("alert").get("resolved").asBoolean()).isFalse();

            EventPublisher.publish(project, 2, deployment(project, Status.FAILED));
            EventPublisher.publish(project, 3, deployment(project, Status.SUCCESS));
            JsonNode resolved = json(client.await(m -> m.contains("alert.resolved") && m.contains(id),
                    Duration.ofSeconds(10)));
            assertThat(resolved.get("data").get("resolved_by").asText()).isEqualTo("auto");
            assertThat(resolved.get("data").get("summary").asText()).isEqualTo(alert.get("summary").asText());
            old.await(m -> m.contains(id) && m.contains("\"resolved\":true"), Duration.ofSeconds(10));
            assertThat(client.messages()).as("a second failure while open fires nothing new")
                    .filteredOn(m -> m.contains("alert.fired") && m.contains(project)).hasSize(1);
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void onConnectAClientGetsTheTenMostRecentAlertsNewestFirst() {
        String project = "recent-" + UUID.randomUUID();
        Instant future = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        try (WsTestClient live = alerts()) {
            for (int i = 0; i < 12; i++) {
                ids.add(ledger.fire(new Verdict.Fire(AlertKey.of("run-failed", "pipeline", project + "-" + i),
                        Severity.WARNING, "run of " + i + " failed", Map.of("project", project), future.plusSeconds(i)))
                        .orElseThrow().id());
            }
            // pushed live first, so none of them comes live again to the clients below
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(
                    id -> live.messages().stream().anyMatch(m -> m.contains("alert.fired") && m.contains(id))));
        }
        List<String> newestTen = new ArrayList<>(ids.subList(2, 12));
        java.util.Collections.reverse(newestTen);
        try (WsTestClient client = WsTestClient.connect(alertsHttp.toString().replaceFirst("^http", "ws"))) {
            JsonNode first = json(client.await(m -> m.contains("\"type\":\"alerts\""), Duration.ofSeconds(5)));
            List<String> sent = new ArrayList<>();
            first.get("data").get("alerts").forEach(a -> sent.add(a.get("id").asText()));
            assertThat(sent).containsExactlyElementsOf(newestTen);
        }
        try (WsTestClient old = legacy()) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> old.messages().size() >= 10);
            List<String> sent = old.messages().subList(0, 10).stream()
                    .map(m -> json(m).get("alert").get("alert_id").asText()).toList();
            assertThat(sent).as("oldest first, as they came").containsExactlyElementsOf(ids.subList(2, 12));
            assertThat(json(old.messages().get(9)).get("timestamp").asText()).isEqualTo(future.plusSeconds(11).toString());
        }
    }

    @Test
    void pingIsAnsweredAndABadMessageIsAnErrorOnBothSockets() {
        for (WsTestClient client : List.of(alerts(), legacy())) {
            try (client) {
                client.send("{\"type\":\"ping\"}");
                client.await(m -> m.contains("\"type\":\"pong\""), Duration.ofSeconds(5));
                client.send("{{{");
                client.await(m -> m.contains("\"type\":\"error\"") && m.contains("not JSON"), Duration.ofSeconds(5));
                client.send("{\"type\":\"subscribe\"}");
                client.await(m -> m.contains("\"type\":\"error\"") && m.contains("only ping"), Duration.ofSeconds(5));
                client.send("{\"type\":\"ping\"}");
                Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> client.messages().stream().filter(m -> m.contains("\"pong\"")).count() == 2);
                assertThat(client.isClosed()).isFalse();
            }
        }
    }

    @Test
    void aManualResolveReachesClientsWithWhoResolvedIt() {
        String project = "manual-" + UUID.randomUUID();
        try (WsTestClient client = alerts()) {
            Alert alert = ledger.fire(new Verdict.Fire(AlertKey.of("project-down", "project", project), Severity.CRITICAL,
                    project + " is down", Map.of(), Instant.now())).orElseThrow();
            client.await(m -> m.contains("alert.fired") && m.contains(alert.id()), Duration.ofSeconds(10));
            given().contentType(ContentType.JSON).body("{\"resolved_by\":\"alice\"}")
                    .post("/api/alerts/" + alert.id() + "/resolve").then().statusCode(200);
            JsonNode resolved = json(client.await(m -> m.contains("alert.resolved") && m.contains(alert.id()),
                    Duration.ofSeconds(10)));
            assertThat(resolved.get("data").get("resolved_by").asText()).isEqualTo("alice");
        }
    }

    @Test
    void aSilenceScopedToARunHoldsWhileTheRunGoesOnAndTheAlertFiresWhenItEnds() {
        String project = "scoped-" + UUID.randomUUID();
        String runId = "r-" + UUID.randomUUID();
        String silence = given().contentType(ContentType.JSON).body("""
                {"matchers":[{"name":"project","value":"%s"}],"run_id":"%s"}""".formatted(project, runId))
                .post("/api/silences").then().statusCode(201).extract().path("id");
        try (WsTestClient client = alerts()) {
            EventPublisher.publish(runId, 1, new RunUpdated(runId, "deploy", project, Status.RUNNING, Instant.now(), null));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "active".equals(given()
                    .get("/api/silences").then().extract().path("find { it.id == '" + silence + "' }.state")));

            EventPublisher.publish(project, 1, deployment(project, Status.FAILED));
            String fingerprint = AlertKey.of("deployment-failed", "project", project).fingerprint();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/alerts/" + fingerprint + "-1")
                    .statusCode() == 200);
            given().get("/api/alerts/" + fingerprint + "-1").then().body("silenced", equalTo(true))
                    .body("state", equalTo("open"));

            EventPublisher.publish(runId, 2, new RunUpdated(runId, "deploy", project, Status.SUCCESS, Instant.now(),
                    Instant.now()));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "expired".equals(given()
                    .queryParam("state", "all").get("/api/silences").then()
                    .extract().path("find { it.id == '" + silence + "' }.state")));
            assertThat(client.messages()).as("silenced: not pushed").noneMatch(m -> m.contains(fingerprint));

            given().post("/api/alerts/check").then().statusCode(200);
            JsonNode fired = json(client.await(m -> m.contains("alert.fired") && m.contains(fingerprint),
                    Duration.ofSeconds(10)));
            assertThat(fired.get("data").get("silenced").asBoolean()).isFalse();
        }
    }

    @Test
    void aSilenceForARunAlreadyRunningIsActiveAtOnceAndOneForARunAlreadyOverNeverIs() {
        String project = "caught-up-" + UUID.randomUUID();
        String running = "r-" + UUID.randomUUID();
        String over = "r-" + UUID.randomUUID();
        EventPublisher.publish(running, 1, new RunUpdated(running, "deploy", project, Status.RUNNING, Instant.now(), null));
        EventPublisher.publish(over, 1, new RunUpdated(over, "deploy", project, Status.SUCCESS, Instant.now(),
                Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            String runs = given().queryParam("type", "run").queryParam("project", project).get("/api/v1/monitor/workflows")
                    .asString();
            return runs.contains(running) && runs.contains(over);
        });

        given().contentType(ContentType.JSON).body("""
                {"matchers":[{"name":"project","value":"%s"}],"run_id":"%s"}""".formatted(project, running))
                .post("/api/silences").then().statusCode(201).body("state", equalTo("active"));
        given().contentType(ContentType.JSON).body("""
                {"matchers":[{"name":"project","value":"%s"}],"run_id":"%s"}""".formatted(project, over))
                .post("/api/silences").then().statusCode(201).body("state", equalTo("expired"));
    }
}
