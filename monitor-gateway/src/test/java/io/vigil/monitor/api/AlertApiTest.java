package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.alerts.Alert;
import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertLedger;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;

/** The alert and silence REST APIs and the existing clients' alert API: shapes, and every bad request as problem JSON. */
@QuarkusTest
@GatewayTestResources
class AlertApiTest {

    @Inject
    AlertLedger ledger;

    Alert fired(String project, Severity severity) {
        return ledger.fire(new Verdict.Fire(AlertKey.of("project-down", "project", project), severity,
                project + " is down", Map.of("url", "https://x.test"), Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .orElseThrow();
    }

    static void assertInvalid(io.restassured.response.Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-request"))
                .body("field", equalTo(field))
                .body("status", equalTo(400));
    }

    @Test
    void anAlertIsListedFoundAndResolvedByHandOnce() {
        Alert alert = fired("api-" + UUID.randomUUID(), Severity.CRITICAL);
        given().get("/api/alerts/" + alert.id()).then().statusCode(200)
                .body("id", equalTo(alert.id()))
                .body("rule", equalTo("project-down"))
                .body("fingerprint", equalTo(alert.fingerprint()))
                .body("severity", equalTo("critical"))
                .body("summary", equalTo(alert.summary()))
                .body("labels.project", equalTo(alert.labels().get("project")))
                .body("labels.url", equalTo("https://x.test"))
                .body("silenced", equalTo(false))
                .body("state", equalTo("open"))
                .body("fired_at", equalTo(alert.firedAt().toString()));
        given().queryParam("state", "open").queryParam("size", 200).get("/api/alerts").then().statusCode(200)
                .body("alerts.id", hasItem(alert.id())).body("page", equalTo(0)).body("size", equalTo(200));

        given().contentType(ContentType.JSON).body("{\"resolved_by\":\"ops\"}")
                .post("/api/alerts/" + alert.id() + "/resolve").then().statusCode(200)
                .body("state", equalTo("resolved")).body("resolved_by", equalTo("ops"));
        given().queryParam("state", "open").queryParam("size", 200).get("/api/alerts").then()
                .body("alerts.id", not(hasItem(alert.id())));
        given().queryParam("state", "resolved").queryParam("size", 200).get("/api/alerts").then()
                .body("alerts.id", hasItem(alert.id()));

        given().contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alert.id() + "/resolve").then()
                .statusCode(409).contentType("application/problem+json").body("status", equalTo(409))
                .body("detail", startsWith("alert " + alert.id() + " was resolved at"));
    }

    @Test
    void listingPagesNewestFirst() {
        String project = "page-" + UUID.randomUUID();
        Alert older = fired(project + "-a", Severity.INFO);
        Alert newer = fired(project + "-b", Severity.INFO);
        var page = given().queryParam("severity", "info").queryParam("size", 1).get("/api/alerts").then()
                .statusCode(200).extract().jsonPath();
        assertThat(page.getList("alerts.id")).containsExactly(newer.id());
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(2);
        given().queryParam("severity", "info").queryParam("size", 1).queryParam("page", 1).get("/api/alerts").then()
                .body("alerts.id", contains(older.id()));
    }

    @Test
    void badParametersAndUnknownAlertsAreProblems() {
        assertInvalid(given().queryParam("state", "closed").get("/api/alerts"), "state");
        assertInvalid(given().queryParam("page", "-1").get("/api/alerts"), "page");
        assertInvalid(given().queryParam("page", "one").get("/api/alerts"), "page");
        assertInvalid(given().queryParam("size", "0").get("/api/alerts"), "size");
        assertInvalid(given().queryParam("size", "201").get("/api/alerts"), "size");
        assertInvalid(given().queryParam("severity", "loud").get("/api/alerts"), "severity");
        given().get("/api/alerts/nope-1").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no alert nope-1"));
        given().contentType(ContentType.JSON).body("{}").post("/api/alerts/nope-1/resolve").then().statusCode(404)
                .contentType("application/problem+json");
        assertInvalid(given().contentType(ContentType.JSON).body("{\"resolved_by\":\" \"}")
                .post("/api/alerts/nope-1/resolve"), "resolved_by");
        given().contentType(ContentType.JSON).body("{\"resolved_by\":").post("/api/alerts/nope-1/resolve").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void checkEvaluatesNowAndResolvesWhatCleared() {
        String instance = ConfigProvider.getConfig().getValue("mp.messaging.incoming.vigil-events.group.id", String.class);
        Alert lagging = ledger.fire(new Verdict.Fire(AlertKey.of("consumer-lag", "instance", instance),
                Severity.WARNING, "behind", Map.of(), Instant.now())).orElseThrow();
        given().post("/api/alerts/check").then().statusCode(200)
                .body("resolved.find { it.id == '" + lagging.id() + "' }.resolved_by", equalTo("auto"))
                .body("fired.id", not(hasItem(lagging.id())));
        given().get("/api/alerts/" + lagging.id()).then().body("state", equalTo("resolved"));
    }

    @Test
    void silencesAreCreatedListedAndEnded() {
        String project = "quiet-" + UUID.randomUUID();
        Instant ends = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        String id = given().contentType(ContentType.JSON).body("""
                {"matchers":[{"name":"project","value":"%s"},{"name":"rule","value":"project-.*","regex":true}],
                 "ends_at":"%s","comment":"maintenance","created_by":"ops"}""".formatted(project, ends))
                .post("/api/silences").then().statusCode(201)
                .body("matchers[0].name", equalTo("project"))
                .body("matchers[0].value", equalTo(project))
                .body("matchers[0].regex", equalTo(false))
                .body("matchers[1].regex", equalTo(true))
                .body("ends_at", equalTo(ends.toString()))
                .body("state", equalTo("active"))
                .body("created_by", equalTo("ops"))
                .extract().path("id");
        given().get("/api/silences").then().statusCode(200).body("id", hasItem(id));

        String scoped = given().contentType(ContentType.JSON).body("""
                {"matchers":[{"name":"project","value":"%s"}],"run_id":"r-%s"}""".formatted(project, project))
                .post("/api/silences").then().statusCode(201)
                .body("run_id", equalTo("r-" + project)).body("state", equalTo("pending"))
                .extract().path("id");

        given().delete("/api/silences/" + id).then().statusCode(200).body("state", equalTo("expired"));
        given().get("/api/silences").then().body("id", not(hasItem(id))).body("id", hasItem(scoped));
        given().queryParam("state", "all").get("/api/silences").then().body("id", hasItem(id));
        given().delete("/api/silences/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().delete("/api/silences/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badSilencesAreProblemsNamingTheField() {
        String future = Instant.now().plusSeconds(60).toString();
        assertInvalid(silence("{\"ends_at\":\"" + future + "\"}"), "matchers");
        assertInvalid(silence("{\"matchers\":[],\"ends_at\":\"" + future + "\"}"), "matchers");
        assertInvalid(silence("{\"matchers\":[{\"name\":\"project\",\"value\":\"(\",\"regex\":true}],\"ends_at\":\""
                + future + "\"}"), "matchers[0].value");
        assertInvalid(silence("{\"matchers\":[{\"name\":\"p\",\"value\":\"x\"},{\"name\":\"no such\",\"value\":\"x\"}],"
                + "\"ends_at\":\"" + future + "\"}"), "matchers[1].name");
        assertInvalid(silence("{\"matchers\":[{\"name\":\"project\",\"value\":\"x\"}]}"), "ends_at");
        assertInvalid(silence("{\"matchers\":[{\"name\":\"project\",\"value\":\"x\"}],\"ends_at\":\"2020-01-01T00:00:00Z\"}"),
                "ends_at");
        assertInvalid(silence("{\"matchers\":[{\"name\":\"project\",\"value\":\"x\"}],\"run_id\":\"r\",\"deployment_id\":\"d\"}"),
                "run_id");
        assertInvalid(silence("{\"matchers\":[{\"name\":\"project\",\"value\":\"x\"}],\"run_id\":\" \"}"), "run_id");
        assertInvalid(given().queryParam("state", "old").get("/api/silences"), "state");
        silence("not json").then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        silence("{\"matchers\":[{\"name\":\"project\",\"value\":\"x\"}],\"ends_at\":\"tomorrow\"}").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("ends_at"));
    }

    static io.restassured.response.Response silence(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/silences");
    }

    @Test
    void theExistingClientsAlertApiKeepsItsShapes() {
        String project = "legacy-" + UUID.randomUUID();
        Alert alert = fired(project, Severity.WARNING);
        var items = given().queryParam("alert_type", "warning").queryParam("resolved", "false")
                .queryParam("limit", 500).get("/api/v1/group-ai/monitor/alerts").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> item = items.getMap("find { it.alert_id == '" + alert.id() + "' }");
        assertThat(item).containsExactlyInAnyOrderEntriesOf(Map.of("alert_id", alert.id(), "alert_type", "warning",
                "account_id", project, "message", alert.summary(), "timestamp", alert.firedAt().toString(),
                "resolved", false));

        given().post("/api/v1/group-ai/monitor/alerts/" + alert.id() + "/resolve").then().statusCode(200)
                .body("message", equalTo("告警已解決")).body("alert_id", equalTo(alert.id()));
        given().post("/api/v1/group-ai/monitor/alerts/" + alert.id() + "/resolve").then().statusCode(200);
        given().queryParam("resolved", "true").queryParam("limit", 500).get("/api/v1/group-ai/monitor/alerts").then()
                .body("find { it.alert_id == '" + alert.id() + "' }.resolved", equalTo(true));
        given().post("/api/v1/group-ai/monitor/alerts/nope-1/resolve").then().statusCode(404)
                .contentType("application/problem+json");

        given().post("/api/v1/group-ai/monitor/alerts/check").then().statusCode(200)
                .body("message", equalTo("告警規則檢查完成"))
                .body("rules_checked", equalTo(8))
                .body("new_alerts", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .body("alerts", org.hamcrest.Matchers.notNullValue());

        assertInvalid(given().queryParam("limit", "0").get("/api/v1/group-ai/monitor/alerts"), "limit");
        assertInvalid(given().queryParam("limit", "501").get("/api/v1/group-ai/monitor/alerts"), "limit");
        assertInvalid(given().queryParam("alert_type", "fatal").get("/api/v1/group-ai/monitor/alerts"), "alert_type");
        assertInvalid(given().queryParam("resolved", "maybe").get("/api/v1/group-ai/monitor/alerts"), "resolved");
    }

    @Test
    void theConsumerLagIsAGauge() {
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("\nvigil_gateway_consumer_lag_records "));
    }

    @Test
    void theOpenApiDocumentDescribesTheAlertApis() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/alerts/{id}/resolve"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/silences/{id}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/group-ai/monitor/alerts/check"));
    }
}
