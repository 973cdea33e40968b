package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.Status;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.OwnerStub;
import io.vigil.testing.EventPublisher;
import io.vigil.testing.WsTestClient;

/** {@code /ws/executions/{id}/}: the run's state on connect, then its run, step and step-log updates, as shaped. */
@QuarkusTest
@GatewayTestResources
class ExecutionSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant STARTED = Instant.parse("2026-11-25T10:00:00Z");

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void gatewayIsReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void aClientGetsTheRunsStateThenItsRunStepAndLogUpdates() throws Exception {
        String run = runningRun();
        try (WsTestClient client = connect("ws/executions/" + run + "/")) {
            JsonNode state = JSON.readTree(client.await(m -> m.contains("execution_update"), WAIT));
            assertThat(state.get("type").asText()).isEqualTo("execution_update");
            assertThat(state.has("timestamp")).isTrue();
            JsonNode data = state.get("data");
            assertThat(data.get("execution_id").asText()).isEqualTo(run);
            assertThat(data.get("pipeline").asText()).isEqualTo("build");
            assertThat(data.get("status").asText()).isEqualTo("running");
            assertThat(data.get("current_step").asText()).isEqualTo("test");
            assertThat(data.get("completed_steps").asInt()).isEqualTo(1);
            assertThat(data.get("total_steps").asInt()).isEqualTo(3);
            assertThat(data.get("progress_percentage").asInt()).isEqualTo(33);
            assertThat(data.get("started_at").asText()).isEqualTo("2026-11-25T10:00:00Z");
            assertThat(data.has("finished_at")).isFalse();
            JsonNode compile = data.get("steps").get(0);
            assertThat(compile.get("step_id").asText()).isEqualTo("compile");
            assertThat(compile.get("status").asText()).isEqualTo("success");
            assertThat(compile.get("exit_code").asInt()).isZero();
            assertThat(compile.get("duration_ms").asLong()).isEqualTo(4000);
            assertThat(compile.get("log_task_id").asText()).isEqualTo(run + "/compile/1");

            Instant stepEnd = STARTED.plusSeconds(9);
            EventPublisher.publish(run, 5, new RunStepUpdated(run, "test", Status.FAILED, 2, run + "/test/1",
                    STARTED.plusSeconds(4), stepEnd));
            JsonNode step = JSON.readTree(client.await(m -> m.contains("step_update"), WAIT)).get("data");
            assertThat(step.get("execution_id").asText()).isEqualTo(run);
            assertThat(step.get("step_id").asText()).isEqualTo("test");
            assertThat(step.get("step_name").asText()).isEqualTo("test");
            assertThat(step.get("status").asText()).isEqualTo("failed");
            assertThat(step.get("exit_code").asInt()).isEqualTo(2);
            assertThat(step.get("duration_ms").asLong()).isEqualTo(5000);

            EventPublisher.publish(run + "/test/1", 1, new LogLines(run + "/test/1", List.of(
                    new LogLines.Line(1, STARTED.plusSeconds(5), "ERROR", "1 test failed", null, null, null))));
            JsonNode log = JSON.readTree(client.await(m -> m.contains("log_update"), WAIT)).get("data");
            assertThat(log.get("execution_id").asText()).isEqualTo(run);
            assertThat(log.get("step_id").asText()).isEqualTo("test");
            assertThat(log.get("attempt").asInt()).isEqualTo(1);
            assertThat(log.get("lines")).hasSize(1);
            assertThat(log.get("lines").get(0).get("offset").asLong()).isEqualTo(1);
            assertThat(log.get("lines").get(0).get("level").asText()).isEqualTo("ERROR");
            assertThat(log.get("lines").get(0).get("message").asText()).isEqualTo("1 test failed");

            EventPublisher.publish(run, 6, new RunUpdated(run, "build", "demo-app", Status.FAILED, STARTED, stepEnd));
            JsonNode end = JSON.readTree(client.await(m -> m.contains("execution_update")
                    && m.contains("\"failed\""), WAIT)).get("data");
            assertThat(end.get("status").asText()).isEqualTo("failed");
            assertThat(end.get("project").asText()).isEqualTo("demo-app");
            assertThat(end.get("finished_at").asText()).isEqualTo("2026-11-25T10:00:09Z");
            assertThat(end.get("duration_ms").asLong()).isEqualTo(9000);
            assertThat(end.get("completed_steps").asInt()).as("compile and test ended").isEqualTo(2);
            assertThat(end.get("total_steps").asInt()).isEqualTo(3);
            assertThat(end.get("progress_percentage").asInt()).isEqualTo(66);
            assertThat(end.has("current_step")).as("no step runs any more").isFalse();
            assertThat(client.messages().stream().map(m -> type(m)))
                    .containsExactly("execution_update", "step_update", "log_update", "execution_update");
        }
    }

    @Test
    void anotherRunsEventsAndOtherTasksLinesDoNotReachTheClient() {
        String run = runningRun();
        String other = UUID.randomUUID().toString();
        try (WsTestClient client = connect("ws/executions/" + run);
                WsTestClient watcher = connect("ws/monitor")) {
            client.await(m -> m.contains("execution_update"), WAIT);
            EventPublisher.publish(other, 1, new RunUpdated(other, "build", "demo", Status.RUNNING, STARTED, null));
            EventPublisher.publish("install-" + run, 1, new LogLines("install-" + run, List.of(
                    new LogLines.Line(1, STARTED, "INFO", "not a step", null, null, null))));
            EventPublisher.publish(run, 5, new RunStepUpdated(run, "test", Status.RUNNING, null, run + "/test/1",
                    STARTED, null));
            client.await(m -> m.contains("step_update"), WAIT);
            watcher.await(m -> m.contains("not a step"), WAIT);
            assertThat(client.messages()).hasSize(2).noneMatch(m -> m.contains(other) || m.contains("not a step"));
        }
    }

    @Test
    void anUnknownRunOrABadIdIsAnErrorAndTheSocketCloses() {
        try (WsTestClient client = connect("ws/executions/" + OwnerStub.stateRunId() + "/")) {
            client.await(m -> m.contains("\"type\":\"error\"") && m.contains("no run "), WAIT);
            assertThat(client.closeCode(WAIT)).isEqualTo(4400);
        }
        try (WsTestClient client = connect("ws/executions/not-a-run/")) {
            client.await(m -> m.contains("\"type\":\"error\"") && m.contains("id must be a run id"), WAIT);
            assertThat(client.closeCode(WAIT)).isEqualTo(4400);
        }
    }

    @Test
    void pingIsAnsweredAndAnythingElseIsAnErrorAndTheSocketStays() {
        try (WsTestClient client = connect("ws/executions/" + runningRun())) {
            client.await(m -> m.contains("execution_update"), WAIT);
            client.send("{\"type\":\"ping\"}");
            client.await(m -> m.contains("\"type\":\"pong\""), WAIT);
            client.send("{not json");
            client.await(m -> m.contains("\"type\":\"error\"") && m.contains("not JSON"), WAIT);
            assertThat(client.isClosed()).isFalse();
        }
    }

    /** A run of three steps whose first succeeded and second runs, as pipeline-service tells it. */
    private static String runningRun() {
        String run = OwnerStub.stateRunId();
        ObjectNode state = JSON.createObjectNode().put("id", run).put("pipeline", "build").put("status", "running")
                .put("progress_percent", 33).put("created_at", STARTED.toString()).put("started_at", STARTED.toString());
        var steps = state.putArray("steps");
        steps.addObject().put("name", "compile").put("status", "success").put("attempt", 1).put("exit_code", 0)
                .put("started_at", STARTED.toString()).put("finished_at", STARTED.plusSeconds(4).toString())
                .put("duration_ms", 4000).put("log_task_id", run + "/compile/1");
        steps.addObject().put("name", "test").put("status", "running").put("attempt", 1)
                .put("started_at", STARTED.plusSeconds(4).toString()).put("log_task_id", run + "/test/1");
        steps.addObject().put("name", "deploy").put("status", "pending").put("attempt", 0);
        OwnerStub.runState(run, state);
        return run;
    }

    private static String type(String message) {
        try {
            return JSON.readTree(message).get("type").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private WsTestClient connect(String path) {
        return WsTestClient.connect(root.resolve(path).toString().replaceFirst("^http", "ws"));
    }
}
