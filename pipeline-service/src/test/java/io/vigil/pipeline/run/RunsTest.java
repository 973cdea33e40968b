package io.vigil.pipeline.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.events.Topics;
import io.vigil.pipeline.config.PipelineConfig;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;
import io.vigil.testing.Schema;
import io.vigil.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;

/** Runs of real processes, end to end: HTTP in, steps as processes, state and events out. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "pipeline"))
@WithTestResource(RunDirectories.class)
class RunsTest {

    @Inject
    PipelineConfig config;
    @Inject
    AgroalDataSource dataSource;

    static String define(String yaml) {
        return given().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/pipelines").then().statusCode(201).extract().path("id");
    }

    static String pipeline(String steps) {
        return define("name: r-" + UUID.randomUUID().toString().substring(0, 8) + "\n" + steps);
    }

    static String start(String pipelineId, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/pipelines/" + pipelineId + "/runs")
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath awaitStatus(String runId, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> given().get("/api/runs/" + runId).then().statusCode(200).extract().jsonPath(),
                run -> status.equals(run.getString("status")));
    }

    static Map<String, String> stepStatuses(JsonPath run) {
        List<Map<String, Object>> steps = run.getList("steps");
        return steps.stream().collect(java.util.stream.Collectors.toMap(s -> (String) s.get("name"),
                s -> (String) s.get("status")));
    }

    String log(String runId, String step, int attempt) throws Exception {
        return Files.readString(config.runOutputDir().resolve(runId).resolve(step).resolve(attempt + ".log"));
    }

    @Test
    void theSchemaIsMigratedOnTheThrowawayDatabase() {
        assertThat(Schema.databaseName(dataSource)).startsWith("vigil_test_pipeline_");
        assertThat(Schema.appliedVersions(dataSource)).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void theExampleRunsToSuccessAndItsHistoryIsGaplessHereAndOnKafka() throws Exception {
        String example = given().get("/api/pipelines?limit=500").then().extract().jsonPath()
                .param("n", "example").getString("items.find { it.name == n }.id");
        String runId = start(example, "{\"params\":{\"target\":\"qa\"}}");

        JsonPath run = awaitStatus(runId, "success");
        assertThat(stepStatuses(run).values()).hasSize(6).containsOnly("success");
        assertThat(run.getInt("progress_percent")).isEqualTo(100);
        assertThat(run.getString("params.target")).isEqualTo("qa");
        assertThat(log(runId, "deploy-check", 1)).contains("checking that qa can take a deployment");
        assertThat(run.getString("steps.find { it.name == 'build' }.log_task_id")).isEqualTo(runId + "/build/1");

        // running, 6 × (step running, step success), success
        JsonPath history = given().get("/api/runs/" + runId + "/events").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("events.seq", Long.class)).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 14).boxed().toList());
        assertThat(history.getLong("last_seq")).isEqualTo(14);
        assertThat(history.getString("events[0].type")).isEqualTo("io.vigil.run.updated");
        assertThat(history.getString("events[13].data.status")).isEqualTo("success");
        assertThat(given().get("/api/runs/" + runId + "/events?after_seq=12&limit=1").then().extract()
                .jsonPath().getList("events.seq", Long.class)).containsExactly(13L);

        List<ConsumerRecord<String, String>> published = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> TopicReader.readAll(Topics.RUNS).stream().filter(r -> runId.equals(r.key())).toList(),
                records -> records.size() >= 14);
        assertThat(published).extracting(r -> Long.parseLong(TopicReader.header(r, "ce_seq")))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 14).boxed().toList());
    }

    @Test
    void aRunningRunCarriesAnEtaOnceThePipelineHasSucceededBefore() {
        String id = pipeline("steps:\n  - {name: a, run: sleep 0.3}\n  - {name: b, needs: [a], run: sleep 0.3}\n");
        String first = start(id, "{}");
        assertThat(given().get("/api/runs/" + first).then().extract().<String>path("eta")).isNull();
        awaitStatus(first, "success");

        String second = start(id, "{}");
        JsonPath running = given().get("/api/runs/" + second).then().extract().jsonPath();
        assertThat(running.getString("status")).isEqualTo("running");
        java.time.Instant eta = java.time.Instant.parse(running.getString("eta"));
        assertThat(eta).isAfter(java.time.Instant.parse(running.getString("started_at")).plusMillis(400))
                .isBefore(java.time.Instant.now().plusSeconds(5));
        assertThat(awaitStatus(second, "success").getString("eta")).isNull();
    }

    @Test
    void aFailureFailsTheRunSkipsWhatNeededItAndRunsWhatReactsToIt() throws Exception {
        String runId = start(pipeline("""
                steps:
                  - {name: a, run: "sleep 0.2; echo broken >&2; exit 3"}
                  - {name: b, needs: [a], run: touch b-ran}
                  - {name: c, needs: [b], run: echo never}
                  - {name: on-failure, needs: [a], when: on_failure, run: echo cleaning up}
                  - {name: always, needs: [c], when: always, run: echo report}
                """), "{}");

        JsonPath run = awaitStatus(runId, "failed");
        assertThat(stepStatuses(run)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "failed", "b", "skipped",
                "c", "skipped", "on-failure", "success", "always", "success"));
        assertThat(run.getInt("steps.find { it.name == 'a' }.exit_code")).isEqualTo(3);
        assertThat(log(runId, "a", 1)).isEqualTo("broken\n");
        // b's shell waited at its gate while a ran (a warm start): closed unopened, it ran nothing and left no log
        assertThat(config.runWorkDir().resolve(runId).resolve("b-ran")).doesNotExist();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !Files.exists(config.runOutputDir().resolve(runId).resolve("b").resolve("1.log")));
    }

    @Test
    void aTimeoutKillsTheStepAndARetryRunsItAgain() throws Exception {
        String runId = start(pipeline("""
                steps:
                  - {name: slow, run: sleep 30, timeout: 300ms}
                  - name: flaky
                    run: if [ -f tried ]; then echo second; else touch tried; exit 1; fi
                    retries: {count: 1, backoff: 100ms}
                """), "{}");

        JsonPath run = awaitStatus(runId, "failed");
        assertThat(stepStatuses(run)).containsEntry("slow", "timed_out").containsEntry("flaky", "success");
        assertThat(run.getString("steps.find { it.name == 'slow' }.reason")).contains("timed out");
        assertThat(run.getInt("steps.find { it.name == 'flaky' }.attempt")).isEqualTo(2);
        assertThat(log(runId, "flaky", 2)).isEqualTo("second\n");
    }

    @Test
    void cancellingKillsWhatRunsAndCancelsWhatWaits() throws Exception {
        String runId = start(pipeline("""
                steps:
                  - {name: long, run: "sleep 30 & echo $! > child.pid; wait"}
                  - {name: after, needs: [long], run: echo never}
                """), "{}");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "running".equals(
                given().get("/api/runs/" + runId).then().extract().path("steps[0].status")));
        Path childPid = config.runWorkDir().resolve(runId).resolve("child.pid");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(childPid) && Files.size(childPid) > 0);

        given().post("/api/runs/" + runId + "/cancel").then().statusCode(200).body("cancelled", equalTo(true));

        JsonPath run = awaitStatus(runId, "cancelled");
        assertThat(stepStatuses(run)).containsEntry("long", "cancelled").containsEntry("after", "cancelled");
        long pid = Long.parseLong(readTrimmed(childPid));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        given().post("/api/runs/" + runId + "/cancel").then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aPausedRunStartsNothingNewUntilResumed() throws Exception {
        String runId = start(pipeline("""
                steps:
                  - {name: first, run: sleep 0.5}
                  - {name: second, needs: [first], run: echo resumed}
                """), "{}");
        given().post("/api/runs/" + runId + "/pause").then().statusCode(200).body("paused", equalTo(true));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "success".equals(
                given().get("/api/runs/" + runId).then().extract().path("steps[0].status")));
        // for two ticks and more, a paused run starts nothing
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> "pending".equals(
                given().get("/api/runs/" + runId).then().extract().path("steps[1].status")));

        given().post("/api/runs/" + runId + "/resume").then().statusCode(200);
        awaitStatus(runId, "success");
        assertThat(log(runId, "second", 1)).isEqualTo("resumed\n");
    }

    @Test
    void aFailedRunIsRetriedFromItsFailedStepsAndOneStepCanBeRetriedAlone() throws Exception {
        String runId = start(pipeline("""
                steps:
                  - {name: flaky, run: "if [ -f marker ]; then echo fixed; else touch marker; exit 1; fi"}
                  - {name: after, needs: [flaky], run: echo after}
                  - {name: independent, run: echo independent}
                """), "{}");
        JsonPath failed = awaitStatus(runId, "failed");
        assertThat(stepStatuses(failed)).containsEntry("after", "skipped").containsEntry("independent", "success");
        given().post("/api/runs/" + runId + "/steps/flaky/retry").then().statusCode(200);
        awaitStatus(runId, "success");
        given().post("/api/runs/" + runId + "/retry").then().statusCode(409);

        JsonPath run = given().get("/api/runs/" + runId).then().extract().jsonPath();
        assertThat(run.getInt("steps.find { it.name == 'flaky' }.attempt")).isEqualTo(2);
        assertThat(run.getInt("steps.find { it.name == 'after' }.attempt")).isEqualTo(1);
        assertThat(run.getInt("steps.find { it.name == 'independent' }.attempt")).isEqualTo(1);
        assertThat(log(runId, "flaky", 2)).isEqualTo("fixed\n");

        given().post("/api/runs/" + runId + "/steps/independent/retry").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/runs/" + runId).then()
                .extract().jsonPath().getInt("steps.find { it.name == 'independent' }.attempt") == 2);
        awaitStatus(runId, "success");
        given().post("/api/runs/" + runId + "/steps/nope/retry").then().statusCode(404)
                .body("errors[0].pointer", equalTo("/steps/nope"));
    }

    @Test
    void aCancelledRunRetriedRunsWhatDidNotSucceed() throws Exception {
        String runId = start(pipeline("""
                steps:
                  - {name: quick, run: echo quick}
                  - {name: slow, needs: [quick], run: sleep 30}
                """), "{}");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "running".equals(
                given().get("/api/runs/" + runId).then().extract().path("steps[1].status")));
        given().post("/api/runs/" + runId + "/cancel").then().statusCode(200);
        awaitStatus(runId, "cancelled");

        given().post("/api/runs/" + runId + "/retry").then().statusCode(200).body("status", equalTo("running"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "running".equals(
                given().get("/api/runs/" + runId).then().extract().path("steps[1].status")));
        JsonPath run = given().get("/api/runs/" + runId).then().extract().jsonPath();
        assertThat(run.getInt("steps[0].attempt")).isEqualTo(1);
        assertThat(run.getInt("steps[1].attempt")).isEqualTo(2);
        given().post("/api/runs/" + runId + "/cancel").then().statusCode(200);
        awaitStatus(runId, "cancelled");
    }

    @Test
    void secretsReachTheStepButNeitherItsLogNorTheEvents() throws Exception {
        String runId = start(pipeline("""
                params: {greeting: hello}
                steps:
                  - {name: use, run: 'echo "$greeting token=$API_TOKEN"'}
                """), "{\"params\":{\"greeting\":\"hi\"},\"secrets\":{\"API_TOKEN\":\"s3cr3t-value\"}}");

        awaitStatus(runId, "success");
        assertThat(log(runId, "use", 1)).isEqualTo("hi token=***\n");
        assertThat(given().get("/api/runs/" + runId + "/events").then().extract().asString()).doesNotContain("s3cr3t");
        assertThat(given().get("/api/runs/" + runId).then().extract().asString()).doesNotContain("s3cr3t");
    }

    @Test
    void badRunRequestsAreProblemsPointingAtTheValue() {
        String id = pipeline("params: {a: x}\nsteps:\n  - {name: s, run: echo}\n");

        given().contentType(ContentType.JSON).body("{\"params\":{\"nope\":\"1\"}}").post("/api/pipelines/" + id + "/runs")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/params/nope"));
        given().contentType(ContentType.JSON).body("{\"secrets\":{\"bad name\":\"1\"}}")
                .post("/api/pipelines/" + id + "/runs").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").post("/api/pipelines/" + UUID.randomUUID() + "/runs")
                .then().statusCode(404);
        given().get("/api/runs/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/runs?limit=0").then().statusCode(400);
        given().get("/api/runs?before=garbage").then().statusCode(400);
        given().get("/api/runs?status=bogus").then().statusCode(400);
    }

    @Test
    void runsAreListedNewestFirstByPipeline() {
        String id = pipeline("steps:\n  - {name: s, run: echo}\n");
        String first = start(id, "{}");
        String second = start(id, "{}");

        JsonPath page = given().get("/api/runs?pipeline_id=" + id + "&limit=1").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id", String.class)).containsExactly(second);
        given().get("/api/runs?pipeline_id=" + id + "&limit=1&before=" + page.getString("next_before")).then()
                .body("items[0].id", equalTo(first));
    }

    private static String readTrimmed(Path file) throws Exception {
        return Files.readString(file).trim();
    }
}
