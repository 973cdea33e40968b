package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.workflows.EventLogRetention;
import io.vigil.monitor.workflows.EventLogWriter;
import io.vigil.testing.EventPublisher;

/** Events from Kafka in the event log: listed newest first, filtered, paged, kept once, swept when old. */
@QuarkusTest
@GatewayTestResources
class EventLogApiTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    EventLogWriter writer;

    @Inject
    EventLogRetention retention;

    @BeforeEach
    void gatewayIsReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void publishedEventsAreListedNewestFirstWithTheirAttributesAndData() {
        String project = "log-" + UUID.randomUUID();
        VigilEvent<?> step = EventPublisher.publish(project, 1, step(project, "d-1"));
        VigilEvent<?> deployment = EventPublisher.publish(project, 2, deployment(project, "d-1", Status.SUCCESS));

        JsonPath page = awaitEvents("project=" + project, 2);
        assertThat(page.getList("items.id")).containsExactly(deployment.id().toString(), step.id().toString());
        assertThat(page.getList("items.type")).containsExactly("deployment.updated", "step.updated");
        assertThat(page.getString("items[1].subject")).isEqualTo(project);
        assertThat(page.getString("items[1].project")).isEqualTo(project);
        assertThat(page.getLong("items[1].seq")).isEqualTo(1);
        assertThat(Instant.parse(page.getString("items[1].time"))).isEqualTo(step.time().truncatedTo(ChronoUnit.MICROS));
        assertThat(page.getString("items[1].data.name")).isEqualTo("deploy_project");
        assertThat(page.getString("items[1].data.deployment_id")).isEqualTo("d-1");
        assertThat(page.getString("next")).isNull();
    }

    @Test
    void pagesFollowTheCursorWithoutGapOrRepeat() {
        String run = UUID.randomUUID().toString();
        for (long seq = 1; seq <= 5; seq++) {
            EventPublisher.publish(run, seq, new RunUpdated(run, "build", null, Status.RUNNING, Instant.now(), null));
        }
        awaitEvents("subject=" + run, 5);
        JsonPath first = events("subject=" + run + "&limit=2");
        JsonPath second = events("subject=" + run + "&limit=2&cursor=" + first.getString("next"));
        JsonPath third = events("subject=" + run + "&limit=2&cursor=" + second.getString("next"));
        assertThat(first.getList("items.seq", Long.class)).containsExactly(5L, 4L);
        assertThat(second.getList("items.seq", Long.class)).containsExactly(3L, 2L);
        assertThat(third.getList("items.seq", Long.class)).containsExactly(1L);
        assertThat(third.getString("next")).isNull();
    }

    @Test
    void filtersByTypeSubjectAndTime() {
        String project = "filter-" + UUID.randomUUID();
        EventPublisher.publish(project, 1, step(project, "d-2"));
        VigilEvent<?> deployment = EventPublisher.publish(project, 2, deployment(project, "d-2", Status.FAILED));
        awaitEvents("project=" + project, 2);

        assertThat(events("project=" + project + "&type=io.vigil.deployment.updated").getList("items.id"))
                .containsExactly(deployment.id().toString());
        assertThat(events("subject=" + project + "&type=step.updated").getList("items.type"))
                .containsExactly("step.updated");
        String at = deployment.time().truncatedTo(ChronoUnit.MICROS).toString();
        assertThat(events("project=" + project + "&since=" + at).getList("items.id"))
                .containsExactly(deployment.id().toString());
        assertThat(events("project=" + project + "&until=" + at).getList("items.type"))
                .containsExactly("step.updated");
        assertThat(events("project=nobody-" + UUID.randomUUID()).getList("items")).isEmpty();
    }

    @Test
    void anEventDeliveredAgainOrStoredByAnotherReplicaIsKeptOnce() {
        String run = UUID.randomUUID().toString();
        VigilEvent<RunUpdated> event = VigilEvent.of(run, 1, Instant.now(),
                new RunUpdated(run, "build", null, Status.RUNNING, Instant.now(), null));
        writer.observe(event);
        awaitEvents("subject=" + run, 1);
        writer.observe(event); // as a redelivery or another replica's write would
        writer.observe(VigilEvent.of(run, 2, Instant.now(),
                new RunUpdated(run, "build", null, Status.SUCCESS, Instant.now(), Instant.now())));
        JsonPath page = awaitEvents("subject=" + run, 2);
        assertThat(page.getList("items.seq", Long.class)).containsExactly(2L, 1L);
    }

    @Test
    void eventsOlderThanTheRetentionAreSweptAndNewerOnesKept() throws Exception {
        String run = UUID.randomUUID().toString();
        Instant old = Instant.now().minus(Duration.ofDays(8));
        writer.observe(VigilEvent.of(run, 1, old, new RunUpdated(run, "build", null, Status.SUCCESS, old, old)));
        writer.observe(VigilEvent.of(run, 2, Instant.now(),
                new RunUpdated(run, "build", null, Status.RUNNING, Instant.now(), null)));
        awaitEvents("subject=" + run, 2);

        retention.sweep();

        assertThat(events("subject=" + run).getList("items.seq", Long.class)).containsExactly(2L);
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        List.of("limit=0", "limit=abc", "limit=100000", "type=message", "since=yesterday", "until=2026-13-01",
                "cursor=garbage", "since=2026-11-25T10:00:00Z&until=2026-11-25T09:00:00Z",
                "subject=" + "x".repeat(300))
                .forEach(query -> {
                    String field = query.contains("&until") ? "until" : query.substring(0, query.indexOf('='));
                    given().get("/api/v1/monitor/events?" + query).then().statusCode(400)
                            .contentType("application/problem+json")
                            .body("status", equalTo(400)).body("field", equalTo(field))
                            .body("detail", startsWith(field + ": "));
                });
    }

    @Test
    void theOldEventsUrlAnswersTheLastEventsOldestFirstInItsShape() {
        String project = "legacy-" + UUID.randomUUID();
        VigilEvent<?> first = EventPublisher.publish(project, 1, step(project, "d-3"));
        VigilEvent<?> second = EventPublisher.publish(project, 2, step(project, "d-3"));
        VigilEvent<?> third = EventPublisher.publish(project, 3, deployment(project, "d-3", Status.SUCCESS));
        awaitEvents("project=" + project, 3);

        JsonPath all = given().get("/api/v1/group-ai/monitor/events?account_id=" + project).then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getList("event_id")).containsExactly(first.id().toString(), second.id().toString(),
                third.id().toString());
        assertThat(all.getString("[0].type")).isEqualTo("step.updated");
        assertThat(all.getString("[0].account_id")).isEqualTo(project);
        assertThat(Instant.parse(all.getString("[0].timestamp"))).isEqualTo(first.time().truncatedTo(ChronoUnit.MICROS));
        assertThat(all.getString("[0].data.status")).isEqualTo("running");

        JsonPath lastTwo = given().get("/api/v1/group-ai/monitor/events?account_id=" + project + "&limit=2")
                .then().statusCode(200).extract().jsonPath();
        assertThat(lastTwo.getList("event_id")).containsExactly(second.id().toString(), third.id().toString());
        JsonPath deployments = given().get("/api/v1/group-ai/monitor/events?account_id=" + project
                + "&event_type=deployment.updated").then().statusCode(200).extract().jsonPath();
        assertThat(deployments.getList("event_id")).containsExactly(third.id().toString());

        given().get("/api/v1/group-ai/monitor/events?limit=1001").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/v1/group-ai/monitor/events?event_type=redpacket").then().statusCode(400)
                .body("field", equalTo("event_type"));
    }

    private static JsonPath awaitEvents(String query, int count) {
        return Awaitility.await().atMost(WAIT).until(() -> events(query),
                page -> page.getList("items").size() == count);
    }

    private static JsonPath events(String query) {
        return given().get("/api/v1/monitor/events?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static StepUpdated step(String project, String deploymentId) {
        return new StepUpdated(deploymentId, project, "deploy_project", "deployment", Status.RUNNING, Instant.now());
    }

    static DeploymentUpdated deployment(String project, String id, Status status) {
        return new DeploymentUpdated(id, project, "acme/" + project, "main", "9f2c1e7", status, "axi-deploy", "manual",
                "backend", null, Instant.now(), List.of(new DeploymentUpdated.StepState("deploy_project", "deployment",
                        status, Instant.now().minusSeconds(5), status.isTerminal() ? Instant.now() : null, null)));
    }
}
