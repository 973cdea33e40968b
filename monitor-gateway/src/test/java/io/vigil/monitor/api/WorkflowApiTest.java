package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.events.Status;
import io.vigil.events.payload.LogStatus;
import io.vigil.events.payload.RunUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.OwnerStub;
import io.vigil.monitor.WorkflowOwnerStub;
import io.vigil.testing.EventPublisher;
import io.vigil.testing.WsTestClient;

/** Workflows of each type from the event log and their owners, the stats, and what happens when an owner is down. */
@QuarkusTest
@GatewayTestResources
class WorkflowApiTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant NOW = Instant.now();

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void gatewayIsReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @AfterEach
    void ownersAreUp() {
        WorkflowOwnerStub.up("/api/pipelines");
        WorkflowOwnerStub.up("/api/deployments");
        WorkflowOwnerStub.up("/api/runs/");
    }

    @Test
    void deploymentsRunsAndTasksAreListedTogetherNewestFirstAndByType() {
        String project = "wf-" + UUID.randomUUID();
        String deployment = UUID.randomUUID().toString();
        String run = UUID.randomUUID().toString();
        String task = run + "/build/1";
        publishDeployment(project, deployment, Status.SUCCESS, NOW.minusSeconds(300));
        EventPublisher.publish(run, 1, new RunUpdated(run, "build", project, Status.FAILED, NOW.minusSeconds(200),
                NOW.minusSeconds(100)));
        EventPublisher.publish(task, 1, new LogStatus(task, Status.RUNNING, 3, null, "step", 40, 2, 5, "compile", null,
                0, NOW.minusSeconds(150)));

        JsonPath page = Awaitility.await().atMost(WAIT).until(() -> workflows("project=" + project),
                p -> p.getList("items").size() == 2);
        assertThat(page.getList("items.type")).containsExactly("run", "deployment");
        assertThat(page.getString("items[0].id")).isEqualTo(run);
        assertThat(page.getString("items[0].name")).isEqualTo("build");
        assertThat(page.getString("items[0].status")).isEqualTo("failed");
        assertThat(Instant.parse(page.getString("items[0].started_at"))).isEqualTo(NOW.minusSeconds(200).truncatedTo(ChronoUnit.MICROS));
        assertThat(page.getString("items[1].id")).isEqualTo(deployment);
        assertThat(page.getString("items[1].status")).isEqualTo("success");

        JsonPath first = workflows("project=" + project + "&limit=1");
        JsonPath second = workflows("project=" + project + "&limit=1&cursor=" + first.getString("next"));
        assertThat(first.getList("items.id")).containsExactly(run);
        assertThat(second.getList("items.id")).containsExactly(deployment);
        assertThat(second.getString("next")).isNull();

        JsonPath tasks = Awaitility.await().atMost(WAIT).until(() -> workflows("type=task&limit=500"),
                p -> p.getList("items.id").contains(task));
        assertThat(tasks.getList("items.type")).containsOnly("task");
        assertThat(workflows("type=run&project=" + project).getList("items.id")).containsExactly(run);
    }

    @Test
    void aDeploymentIsItsOwnersWithItsStepsAndItsEventsAreTheLogs() {
        String project = "wf-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        WorkflowOwnerStub.deployment(id, project, "failed");
        JsonPath view = given().get("/api/v1/monitor/workflows/deployment/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(view.getMap("")).containsOnlyKeys("type", "id", "project", "name", "status", "started_at",
                "finished_at", "progress_percent", "steps");
        assertThat(view.getString("type")).isEqualTo("deployment");
        assertThat(view.getString("project")).isEqualTo(project);
        assertThat(view.getString("name")).isEqualTo("9f2c1e7");
        assertThat(view.getString("status")).isEqualTo("failed");
        assertThat(view.getString("started_at")).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(view.getList("steps.name")).containsExactly("validate_artifact", "deploy_project");
        assertThat(view.getMap("steps[1]")).containsEntry("status", "failed").containsEntry("error", "exit 1")
                .containsEntry("log", "https://ci.example.test/1").containsEntry("finished_at", "2026-11-25T10:02:00Z");

        EventPublisher.publish(project, 1, new StepUpdated(id, project, "deploy_project", "deployment", Status.FAILED,
                NOW));
        publishDeployment(project, id, Status.FAILED, NOW);
        JsonPath events = Awaitility.await().atMost(WAIT).until(
                () -> given().get("/api/v1/monitor/workflows/deployment/" + id + "/events").then().statusCode(200)
                        .extract().jsonPath(), p -> p.getList("items").size() == 2);
        assertThat(events.getList("items.type")).containsExactly("deployment.updated", "step.updated");
        assertThat(events.getList("items.data.deployment_id")).containsOnly(id);
    }

    @Test
    void aRunIsItsOwnersWithItsProjectFromTheLog() {
        String project = "wf-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        WorkflowOwnerStub.run(id, "release", "success");
        EventPublisher.publish(id, 1, new RunUpdated(id, "release", project, Status.SUCCESS, NOW, NOW));
        Awaitility.await().atMost(WAIT).until(() -> workflows("type=run&project=" + project).getList("items").size() == 1);

        JsonPath view = given().get("/api/v1/monitor/workflows/run/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(view.getMap("")).containsEntry("type", "run").containsEntry("id", id)
                .containsEntry("project", project).containsEntry("name", "release").containsEntry("status", "success")
                .containsEntry("started_at", "2026-11-25T11:00:01Z").containsEntry("progress_percent", 100);
        assertThat(view.getList("steps")).hasSize(1);
        assertThat(view.getMap("steps[0]")).containsEntry("name", "build").containsEntry("log", id + "/build/1");
        JsonPath events = given().get("/api/v1/monitor/workflows/run/" + id + "/events").then().statusCode(200)
                .extract().jsonPath();
        assertThat(events.getList("items.type")).containsExactly("run.updated");
    }

    @Test
    void aTaskIsItsOwnersStatusWithNoStepsAndItsIdMayHoldSlashes() {
        String id = UUID.randomUUID() + "/test/2";
        OwnerStub.task(id, 4, "failed", true);
        JsonPath view = given().get("/api/v1/monitor/workflows/task/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(view.getMap("")).containsEntry("type", "task").containsEntry("id", id)
                .containsEntry("status", "failed").containsEntry("finished_at", "2024-01-01T00:00:09Z")
                .containsEntry("project", null);
        assertThat(view.getList("steps")).isEmpty();

        EventPublisher.publish(id, 1, new LogStatus(id, Status.FAILED, 4, NOW, "step", 100, null, null, null, 1, 0, NOW));
        JsonPath events = Awaitility.await().atMost(WAIT).until(
                () -> given().get("/api/v1/monitor/workflows/task/" + id + "/events").then().extract().jsonPath(),
                p -> p.getList("items") != null && p.getList("items").size() == 1);
        assertThat(events.getString("items[0].type")).isEqualTo("log.status");
        assertThat(events.getString("items[0].subject")).isEqualTo(id);
    }

    @Test
    void unknownTypesBadIdsUnknownIdsAndADownOwnerAreProblems() {
        problem("/api/v1/monitor/workflows/pipeline/" + UUID.randomUUID(), 400).body("field", equalTo("type"));
        problem("/api/v1/monitor/workflows/pipeline/x/events", 400).body("field", equalTo("type"));
        problem("/api/v1/monitor/workflows?type=build", 400).body("field", equalTo("type"));
        problem("/api/v1/monitor/workflows?limit=-1", 400).body("field", equalTo("limit"));
        problem("/api/v1/monitor/workflows?cursor=abc", 400).body("field", equalTo("cursor"));
        problem("/api/v1/monitor/workflows/run/not-a-uuid", 400).body("field", equalTo("id"));
        problem("/api/v1/monitor/workflows/deployment/" + UUID.randomUUID() + "x", 400).body("field", equalTo("id"));
        given().urlEncodingEnabled(false).get("/api/v1/monitor/workflows/task/a%2F..%2F..%2Fadmin").then()
                .statusCode(400).body("field", equalTo("id")); // dot segments, hidden from path normalisation
        problem("/api/v1/monitor/workflows/task/x y", 400).body("field", equalTo("id"));
        String unknown = UUID.randomUUID().toString();
        problem("/api/v1/monitor/workflows/run/" + unknown, 404).body("detail", equalTo("no run " + unknown));
        problem("/api/v1/monitor/workflows/deployment/" + unknown, 404);
        problem("/api/v1/monitor/workflows/task/nothing-" + unknown, 404);
        problem("/api/v1/monitor/workflows/run/" + unknown + "/events", 404);

        WorkflowOwnerStub.down("/api/runs/");
        problem("/api/v1/monitor/workflows/run/" + unknown, 502)
                .body("detail", startsWith("pipeline-service did not answer"));
    }

    @Test
    void statsCountWhatTheLogSawAndWhatTheOwnersSay() {
        WorkflowOwnerStub.pipelines(3);
        String deployment = UUID.randomUUID().toString();
        WorkflowOwnerStub.deployment(deployment, "stats-" + UUID.randomUUID(), "success");
        JsonPath before = stats();
        long failedRuns = count(before, "runs", "failed");
        long deployments = before.getLong("deployments.total");
        String run = UUID.randomUUID().toString();
        EventPublisher.publish(run, 1, new RunUpdated(run, "build", null, Status.FAILED, NOW, NOW));
        publishDeployment("stats-" + UUID.randomUUID(), UUID.randomUUID().toString(), Status.RUNNING, NOW);

        try (WsTestClient client = WsTestClient.connect(root.resolve("ws/monitor").toString().replaceFirst("^http", "ws"))) {
            client.await(m -> m.contains("\"type\":\"snapshot\""), WAIT);
            JsonPath after = Awaitility.await().atMost(WAIT).until(WorkflowApiTest::stats,
                    s -> count(s, "runs", "failed") == failedRuns + 1 && s.getLong("deployments.total") == deployments + 1);
            assertThat(after.getLong("pipelines.count")).isEqualTo(3);
            assertThat(count(after, "deployments", "running")).isEqualTo(count(before, "deployments", "running") + 1);
            assertThat(after.getList("deployments.recent.id")).contains(deployment);
            Map<String, Integer> byEndpoint = after.getMap("connections.by_endpoint");
            assertThat(byEndpoint.get("/ws/monitor")).isGreaterThanOrEqualTo(1);
            assertThat(after.getMap("unavailable")).isEmpty();
            assertThat(Instant.parse(after.getString("since")))
                    .isEqualTo(Instant.parse(after.getString("generated_at")).minus(Duration.ofDays(7)));
        }
    }

    @Test
    void statsWithAnOwnerDownAnswerWhatIsKnownAndNameWhatIsNot() {
        WorkflowOwnerStub.down("/api/pipelines");
        JsonPath stats = stats();
        assertThat(stats.getMap("")).containsEntry("pipelines", null);
        assertThat(stats.getMap("unavailable")).containsOnlyKeys("pipelines");
        assertThat(stats.getString("unavailable.pipelines")).startsWith("pipeline-service did not answer");
        assertThat(stats.getList("deployments.recent")).isNotNull();
        assertThat(stats.getMap("runs")).containsKeys("total", "by_status");

        WorkflowOwnerStub.down("/api/deployments");
        JsonPath both = stats();
        assertThat(both.getMap("unavailable")).containsOnlyKeys("pipelines", "deployments.recent");
        assertThat(both.getMap("deployments")).containsEntry("recent", null).containsKeys("total", "by_status");
    }

    private static void publishDeployment(String project, String id, Status status, Instant startedAt) {
        EventPublisher.publish(project, 2, new io.vigil.events.payload.DeploymentUpdated(id, project, "acme/x", "main",
                "9f2c1e7", status, "axi-deploy", "manual", "backend", null, startedAt,
                java.util.List.of(new io.vigil.events.payload.DeploymentUpdated.StepState("deploy_project",
                        "deployment", status, startedAt, status.isTerminal() ? startedAt.plusSeconds(60) : null, null))));
    }

    private static long count(JsonPath stats, String part, String status) {
        Number count = stats.get(part + ".by_status." + status);
        return count == null ? 0 : count.longValue();
    }

    private static JsonPath stats() {
        return given().get("/api/v1/monitor/stats").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath workflows(String query) {
        return given().get("/api/v1/monitor/workflows?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse problem(String path, int status) {
        return given().get(path).then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status));
    }
}
