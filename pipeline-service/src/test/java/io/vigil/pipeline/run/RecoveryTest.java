package io.vigil.pipeline.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.outbox.EventOutbox;
import io.vigil.pipeline.config.PipelineConfig;
import io.vigil.pipeline.dag.StepState;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

/** What happens when an instance dies mid-run, and when two instances share one database. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "pipeline"))
@WithTestResource(RunDirectories.class)
class RecoveryTest {

    @Inject
    Liveness liveness;
    @Inject
    PipelineConfig config;
    @Inject
    EventOutbox outbox;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    RunEngine engine;
    @Inject
    RunControls controls;

    static String pipeline(String steps) {
        return given().contentType("application/yaml").body(("name: rec-" + UUID.randomUUID().toString().substring(0, 8)
                + "\n" + steps).getBytes(StandardCharsets.UTF_8)).post("/api/pipelines").then().statusCode(201)
                .extract().path("id");
    }

    static String start(String pipelineId) {
        return given().contentType(ContentType.JSON).body("{}").post("/api/pipelines/" + pipelineId + "/runs")
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath awaitStatus(String runId, String status) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> given().get("/api/runs/" + runId).then().extract().jsonPath(),
                run -> status.equals(run.getString("status")));
    }

    /** As if the step had been started by an instance that then died (kill -9): its owner never beats again. */
    static void ownedByADeadInstance(String runId, String step) {
        QuarkusTransaction.requiringNew().run(() -> {
            RunStep row = RunStep.findById(new RunStep.Key(UUID.fromString(runId), step));
            row.state = StepState.RUNNING;
            row.attempt = 1;
            row.startedAt = Instant.now();
            row.owner = "dead-" + UUID.randomUUID();
        });
    }

    @Test
    void aStepLostWithItsInstanceIsInterruptedAndTheRunEnds() {
        String runId = start(pipeline("""
                steps:
                  - {name: gate, run: sleep 1}
                  - {name: lost, needs: [gate], run: echo never}
                  - {name: after, needs: [lost], run: echo never}
                """));
        given().post("/api/runs/" + runId + "/pause").then().statusCode(200);
        awaitStepStatus(runId, "gate", "success");
        ownedByADeadInstance(runId, "lost");
        given().post("/api/runs/" + runId + "/resume").then().statusCode(200);

        liveness.beat();

        JsonPath run = awaitStatus(runId, "failed");
        assertThat(run.getString("steps.find { it.name == 'lost' }.status")).isEqualTo("interrupted");
        assertThat(run.getString("steps.find { it.name == 'lost' }.reason")).contains("lost with the instance");
        assertThat(run.getString("steps.find { it.name == 'after' }.status")).isEqualTo("skipped");
    }

    @Test
    void aLostStepWithRetriesLeftRunsAgain() {
        String runId = start(pipeline("""
                steps:
                  - {name: gate, run: sleep 1}
                  - {name: lost, needs: [gate], run: echo again, retries: {count: 1, backoff: 100ms}}
                """));
        given().post("/api/runs/" + runId + "/pause").then().statusCode(200);
        awaitStepStatus(runId, "gate", "success");
        ownedByADeadInstance(runId, "lost");
        given().post("/api/runs/" + runId + "/resume").then().statusCode(200);

        liveness.beat();

        JsonPath run = awaitStatus(runId, "success");
        assertThat(run.getInt("steps.find { it.name == 'lost' }.attempt")).isEqualTo(2);
    }

    @Test
    void twoInstancesOnOneDatabaseNeverStartTheSameStep() throws Exception {
        RunEngine other = new RunEngine(config, outbox, transactions);
        QuarkusTransaction.requiringNew().run(() -> Run.getEntityManager().createNativeQuery(
                "INSERT INTO instance (id, seen_at) VALUES (?1, now() + interval '1 hour')")
                .setParameter(1, other.instance()).executeUpdate());
        StringBuilder steps = new StringBuilder("steps:\n");
        for (int i = 0; i < 12; i++) {
            // a first attempt that fails, so the second is started by whichever instance finds it ready first
            steps.append("  - {name: s").append(i).append(", run: 'echo $$ >> starts-").append(i).append("; [ -f tried-")
                    .append(i).append(" ] || { touch tried-").append(i).append("; exit 1; }'")
                    .append(", retries: {count: 1, backoff: 200ms}")
                    .append(i >= 4 ? ", needs: [s" + (i - 4) + "]" : "").append("}\n");
        }
        // started without a nudge: both engines race for its first steps
        UUID id = controls.start(UUID.fromString(pipeline(steps.toString())), Map.of(), Map.of())
                .orElseThrow().id;
        String runId = id.toString();

        // both instances nudge the run as fast as they can until it has ended
        ExecutorService nudgers = Executors.newFixedThreadPool(2);
        for (RunEngine nudged : List.of(other, engine)) {
            nudgers.execute(() -> Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2)).until(() -> {
                        nudged.nudge(id);
                        return QuarkusTransaction.requiringNew().call(() -> Run.<Run>findById(id).status.isTerminal());
                    }));
        }
        JsonPath run = awaitStatus(runId, "success");
        nudgers.shutdown();
        assertThat(nudgers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        other.stop();

        assertThat(run.getList("steps.attempt", Integer.class)).hasSize(12).containsOnly(2);
        Path runDir = config.runWorkDir().resolve(runId);
        for (int i = 0; i < 12; i++) {
            assertThat(Files.readAllLines(runDir.resolve("starts-" + i))).as("starts of s" + i).hasSize(2);
        }
    }

    @Test
    void aCancelMadeThroughOneInstanceStopsTheStepsAnotherRuns() {
        RunEngine other = new RunEngine(config, outbox, transactions);
        QuarkusTransaction.requiringNew().run(() -> Run.getEntityManager().createNativeQuery(
                "INSERT INTO instance (id, seen_at) VALUES (?1, now() + interval '1 hour')")
                .setParameter(1, other.instance()).executeUpdate());
        UUID id = controls.start(UUID.fromString(pipeline("steps:\n  - {name: long, run: sleep 30}\n")),
                Map.of(), Map.of()).orElseThrow().id;
        other.nudge(id); // before this instance's next tick: the other one runs the step
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> RunStep.<RunStep>findById(new RunStep.Key(id, "long")).state == StepState.RUNNING));
        assertThat(QuarkusTransaction.requiringNew().call(() -> RunStep.<RunStep>findById(new RunStep.Key(id, "long")).owner))
                .isEqualTo(other.instance());

        given().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        other.tick(); // the other instance's periodic look at the runs it has processes of

        JsonPath run = awaitStatus(id.toString(), "cancelled");
        assertThat(run.getString("steps[0].status")).isEqualTo("cancelled");
        other.stop();
    }

    private static void awaitStepStatus(String runId, String step, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> status.equals(given().get("/api/runs/" + runId)
                .then().extract().jsonPath().getString("steps.find { it.name == '" + step + "' }.status")));
    }
}
