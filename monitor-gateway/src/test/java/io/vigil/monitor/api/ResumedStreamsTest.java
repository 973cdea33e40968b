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

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.events.Status;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.LogStatus;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.OwnerStub;
import io.vigil.testing.EventPublisher;
import io.vigil.testing.WsTestClient;

/**
 * Resuming a run's or a task's stream: history from the owner, then live, with no gap and no duplicate at the
 * switch even while events are published during it, or the range that cannot be supplied.
 */
@QuarkusTest
@GatewayTestResources
class ResumedStreamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    void gatewayIsReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void eventsPublishedWhileHistoryIsFetchedArriveOnceAfterIt() throws Exception {
        String run = UUID.randomUUID().toString();
        OwnerStub.run(run, 5);
        OwnerStub.hold(run);
        try (WsTestClient watcher = connect("ws/monitor");
                WsTestClient client = connect("ws/runs/" + run + "/events?from_seq=2")) {
            for (long seq = 5; seq <= 7; seq++) { // 5 is in history too
                EventPublisher.publish(run, seq, step(run, seq));
            }
            watcher.await(m -> m.contains(run) && m.contains("\"seq\":7"), WAIT); // the gateway has them live
            OwnerStub.release(run);

            client.await(m -> m.contains("\"seq\":7"), WAIT);
            List<JsonNode> messages = parsed(client);
            assertThat(messages.get(0).path("type").asText()).isEqualTo("recovered");
            assertThat(messages.get(0).path("data").path("recovered").asBoolean()).isTrue();
            assertThat(messages.get(0).path("data").path("from_seq").asLong()).isEqualTo(2);
            assertThat(messages.stream().filter(m -> m.has("seq")).map(m -> m.get("seq").asLong()))
                    .containsExactly(3L, 4L, 5L, 6L, 7L);
        }
    }

    @Test
    void aGapNeitherHistoryNorLiveCoversIsTold() throws Exception {
        String run = UUID.randomUUID().toString();
        OwnerStub.run(run, 3);
        OwnerStub.hold(run);
        try (WsTestClient watcher = connect("ws/monitor");
                WsTestClient client = connect("ws/runs/" + run + "/events")) {
            EventPublisher.publish(run, 6, step(run, 6));
            watcher.await(m -> m.contains(run) && m.contains("\"seq\":6"), WAIT);
            OwnerStub.release(run);

            client.await(m -> m.contains("\"seq\":6"), WAIT);
            JsonNode first = parsed(client).get(0);
            assertThat(first.path("data").path("recovered").asBoolean()).isFalse();
            assertThat(first.path("data").path("missing").path("from").asLong()).isLessThanOrEqualTo(4);
            assertThat(first.path("data").path("missing").path("to").asLong()).isGreaterThanOrEqualTo(5);
            assertThat(parsed(client).stream().filter(m -> m.has("seq")).map(m -> m.get("seq").asLong()))
                    .containsExactly(1L, 2L, 3L, 6L);
        }
    }

    @Test
    void aRunsStreamEndsWithItsStatus() throws Exception {
        String run = UUID.randomUUID().toString();
        OwnerStub.run(run, 1);
        try (WsTestClient client = connect("ws/runs/" + run + "/events?from_seq=1")) {
            client.await(m -> m.contains("\"recovered\""), WAIT);
            EventPublisher.publish(run, 2, new RunUpdated(run, "build", "demo", Status.FAILED, Instant.now(),
                    Instant.now()));
            String status = client.await(m -> m.contains("\"type\":\"status\""), WAIT);
            assertThat(status).contains("\"status\":\"failed\"", "finished_at");
        }
    }

    @Test
    void aStepsLogIsResumedByLineOffsetEachLineOnceAndEndsWithTheTasksStatus() throws Exception {
        String task = UUID.randomUUID() + "/build/1";
        OwnerStub.task(task, 3, "running", false);
        OwnerStub.hold(task);
        try (WsTestClient watcher = connect("ws/monitor");
                WsTestClient client = connect("ws/logs/" + task + "?from_offset=1")) {
            EventPublisher.publish(task, 2, new LogLines(task, List.of(line(3), line(4), line(5))));
            watcher.await(m -> m.contains(task) && m.contains("line 5"), WAIT);
            OwnerStub.release(task);

            client.await(m -> m.contains("line 5"), WAIT);
            assertThat(parsed(client).stream().filter(m -> m.path("type").asText().equals("log.lines"))
                    .flatMap(m -> stream(m.path("data").path("lines"))).map(l -> l.get("offset").asLong()))
                    .containsExactly(2L, 3L, 4L, 5L);

            EventPublisher.publish(task, 3, new LogStatus(task, Status.SUCCESS, 5, Instant.now(), "step", 100, null,
                    null, null, 0, 0, Instant.now()));
            client.await(m -> m.contains("\"type\":\"status\"") && m.contains("success"), WAIT);
        }
    }

    @Test
    void aFinishedTasksReplayEndsWithItsStatus() {
        String task = "install-" + UUID.randomUUID();
        OwnerStub.task(task, 2, "failed", true);
        try (WsTestClient client = connect("ws/logs/" + task)) {
            client.await(m -> m.contains("\"type\":\"status\""), WAIT);
            assertThat(client.messages()).anyMatch(m -> m.contains("line 2"));
            assertThat(client.messages().get(client.messages().size() - 1)).contains("\"status\":\"failed\"");
        }
    }

    @Test
    void theExistingClientsLogSocketGetsOneMessagePerLineOnceAndASuccessLineAtTheEnd() throws Exception {
        String task = "install-" + UUID.randomUUID();
        OwnerStub.task(task, 2, "running", false);
        OwnerStub.hold(task);
        try (WsTestClient watcher = connect("ws/monitor");
                WsTestClient client = connect("v1/log/ws?task_id=" + task)) {
            EventPublisher.publish(task, 2, new LogLines(task, List.of(line(2), line(3))));
            watcher.await(m -> m.contains(task) && m.contains("line 3"), WAIT);
            OwnerStub.release(task);
            client.await(m -> m.contains("line 3"), WAIT);
            EventPublisher.publish(task, 3, new LogStatus(task, Status.SUCCESS, 3, Instant.now(), "install", 100,
                    null, null, null, 0, 0, Instant.now()));
            client.await(m -> m.contains("\"completed\":true"), WAIT);

            List<JsonNode> messages = parsed(client);
            assertThat(messages).allSatisfy(m -> assertThat(m.has("level")).as("every message reads as a line").isTrue());
            assertThat(messages.stream().filter(m -> m.has("offset")).map(m -> m.get("message").asText()))
                    .containsExactly("line 1", "line 2", "line 3");
            JsonNode last = messages.get(messages.size() - 1);
            assertThat(last.get("level").asText()).isEqualTo("SUCCESS");
            assertThat(last.get("progress").asInt()).isEqualTo(100);
        }
        try (WsTestClient client = connect("v1/log/ws")) {
            client.await(m -> m.contains("\"type\":\"error\"") && m.contains("task_id"), WAIT);
            assertThat(client.closeCode(WAIT)).isEqualTo(4400);
        }
    }

    @Test
    void aBadOffsetOrAnUnknownRunIsAnErrorAndTheStreamCloses() {
        try (WsTestClient client = connect("ws/runs/" + UUID.randomUUID() + "/events?from_seq=-3")) {
            client.await(m -> m.contains("\"type\":\"error\"") && m.contains("from_seq"), WAIT);
            assertThat(client.closeCode(WAIT)).isEqualTo(4400);
        }
        try (WsTestClient client = connect("ws/runs/" + UUID.randomUUID() + "/events")) {
            client.await(m -> m.contains("\"type\":\"error\"") && m.contains("no run:"), WAIT);
            assertThat(client.closeCode(WAIT)).isEqualTo(4400);
        }
    }

    @Test
    void pingIsAnsweredAndAnythingElseIsAnErrorOnAResumedStream() {
        String run = UUID.randomUUID().toString();
        OwnerStub.run(run, 0);
        try (WsTestClient client = connect("ws/runs/" + run + "/events")) {
            client.await(m -> m.contains("\"recovered\""), WAIT);
            client.send("{\"type\":\"ping\"}");
            client.await(m -> m.contains("\"type\":\"pong\""), WAIT);
            client.send("{\"type\":\"subscribe\"}");
            client.await(m -> m.contains("\"type\":\"error\"") && m.contains("only ping"), WAIT);
            client.send("{not json");
            client.await(m -> m.contains("not JSON"), WAIT);
            assertThat(client.isClosed()).isFalse();
        }
    }

    private WsTestClient connect(String path) {
        WsTestClient client = WsTestClient.connect(root.resolve(path).toString().replaceFirst("^http", "ws"));
        if (path.equals("ws/monitor")) {
            client.await(m -> m.contains("\"type\":\"snapshot\""), WAIT);
        }
        return client;
    }

    private static RunStepUpdated step(String run, long seq) {
        return new RunStepUpdated(run, "s" + seq, Status.SUCCESS, 0, null, Instant.now(), Instant.now());
    }

    private static LogLines.Line line(long offset) {
        return new LogLines.Line(offset, Instant.now(), "INFO", "line " + offset, null, null, null);
    }

    private static List<JsonNode> parsed(WsTestClient client) {
        return client.messages().stream().map(ResumedStreamsTest::tree).toList();
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

}
