package io.vigil.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.KafkaTestResource;
import io.vigil.testing.PostgresTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "prefix", value = "ingest"))
class RollbackAndStatsTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    static String deploy(String project, String commit, String status, int minutesAgo, String extra) {
        String time = NOW.minus(minutesAgo, ChronoUnit.MINUTES).toString();
        given().contentType(ContentType.JSON).body("{\"project\":\"" + project + "\",\"commit_hash\":\"" + commit
                + "\",\"status\":\"running\",\"timestamp\":\"" + time + "\"}").post("/api/webhook/deployment").then().statusCode(200);
        String done = NOW.minus(minutesAgo - 10, ChronoUnit.MINUTES).toString();
        return given().contentType(ContentType.JSON).body("{\"project\":\"" + project + "\",\"commit_hash\":\"" + commit
                + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + done + "\"" + extra + "}")
                .post("/api/webhook/deployment").then().statusCode(200).extract().path("deployment_id");
    }

    static JsonPath stats(String project, int days) {
        return given().queryParam("days", days).get("/api/projects/" + project + "/stats")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRollbackCountsTheChangeItUndoesAsAFailure() {
        String project = "dora-" + UUID.randomUUID().toString().substring(0, 8);
        deploy(project, "a", "success", 300, "");
        String broken = deploy(project, "b", "success", 200, "");
        String rollback = deploy(project, "c", "success", 100, ",\"rollback_of\":\"" + broken + "\",\"reason\":\"500s\"");

        given().get("/api/deployments/" + rollback).then().statusCode(200)
                .body("rollback_of", equalTo(broken)).body("rollback_reason", equalTo("500s"))
                .body("duration_ms", equalTo(600_000));
        JsonPath stats = stats(project, 30);
        assertThat(stats.getInt("total")).isEqualTo(3);
        assertThat(stats.getInt("rolled_back")).isEqualTo(1);
        assertThat(stats.getDouble("change_failure_rate")).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(stats.getDouble("average_duration_seconds")).isCloseTo(600.0, within(1e-6));
        assertThat(stats.getDouble("time_to_restore_seconds")).isCloseTo(100 * 60.0, within(1e-6));
    }

    @Test
    void aRollbackCanBeMarkedAfterwardsAndBadIdsAreProblems() {
        String project = "mark-" + UUID.randomUUID().toString().substring(0, 8);
        String first = deploy(project, "a", "success", 50, "");
        String second = deploy(project, "b", "success", 30, "");
        given().contentType(ContentType.JSON).body("{\"deployment_id\":\"" + first + "\",\"reason\":\"bad config\"}")
                .post("/api/deployments/" + second + "/rollback-of").then().statusCode(200)
                .body("rollback_of", equalTo(first));

        given().contentType(ContentType.JSON).body("{\"deployment_id\":\"" + second + "\"}")
                .post("/api/deployments/" + second + "/rollback-of").then().statusCode(400).body("field", equalTo("rollback_of"));
        given().contentType(ContentType.JSON).body("{\"deployment_id\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/deployments/" + second + "/rollback-of").then().statusCode(400).body("field", equalTo("rollback_of"));
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/deployments/" + second + "/rollback-of").then().statusCode(400).body("field", equalTo("deployment_id"));
        given().contentType(ContentType.JSON).body("{\"deployment_id\":\"" + first + "\"}")
                .post("/api/deployments/" + UUID.randomUUID() + "/rollback-of").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body("{\"project\":\"" + project + "\",\"status\":\"success\",\"rollback_of\":\"nope\"}")
                .post("/api/webhook/deployment").then().statusCode(400).body("field", equalTo("rollback_of"));
    }

    @Test
    void statsOfAnUnknownProjectOrABadWindowAreProblems() {
        given().get("/api/projects/never-" + UUID.randomUUID() + "/stats").then().statusCode(404);
        String project = "win-" + UUID.randomUUID().toString().substring(0, 8);
        deploy(project, "a", "success", 20, "");
        given().queryParam("days", 0).get("/api/projects/" + project + "/stats").then().statusCode(400)
                .body("field", equalTo("days"));
        JsonPath stats = stats(project, 7);
        assertThat(stats.getInt("total")).isEqualTo(1);
        assertThat(stats.getDouble("success_rate")).isEqualTo(1.0);
    }
}
