package io.vigil.logs.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.logs.LogTestResources;
import io.vigil.logs.config.LogStreamConfig;

/** Tasks older than the retention go with their lines and, for tasks run here, their files; newer ones stay. */
@QuarkusTest
@LogTestResources
class RetentionTest {

    @Inject
    Retention retention;
    @Inject
    LogStreamConfig config;

    @Test
    void aTaskPastRetentionIsRemovedWithItsLinesAndFilesAndARecentOneStays() {
        String old = finishedTask();
        String recent = finishedTask();
        Instant longAgo = Instant.now().minus(config.retention()).minus(1, ChronoUnit.HOURS);
        QuarkusTransaction.requiringNew().run(() -> LogTask.update("updatedAt = ?1 where id = ?2", longAgo, old));

        assertThat(retention.sweep()).isGreaterThanOrEqualTo(1);

        given().get("/api/tasks/" + old + "/status").then().statusCode(404);
        given().get("/api/tasks/" + old + "/history").then().statusCode(404);
        assertThat(QuarkusTransaction.requiringNew().call(() -> LogTask.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM log_line WHERE task_id = ?1").setParameter(1, old)
                .getSingleResult())).isEqualTo(0L);
        assertThat(config.taskRoot().resolve(old + ".log")).doesNotExist();
        assertThat(config.taskRoot().resolve(old + ".d")).doesNotExist();
        given().get("/api/tasks/" + recent + "/history").then().statusCode(200);
        assertThat(Files.exists(config.taskRoot().resolve(recent + ".log"))).isTrue();
    }

    private static String finishedTask() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("template", "quick", "params", Map.of("target", "old", "code", "0"))).post("/api/tasks")
                .then().statusCode(202).extract().path("task_id");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/tasks/" + id + "/status").then()
                .extract().<Boolean>path("completed"));
        return id;
    }
}
