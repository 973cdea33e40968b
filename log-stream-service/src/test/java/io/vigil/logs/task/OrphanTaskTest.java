package io.vigil.logs.task;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.logs.LogTestResources;
import io.vigil.logs.config.LogStreamConfig;
import io.vigil.logs.source.LogSource;

/** A task that was running when the service stopped cannot be waited for: the next start fails it, lines kept. */
@QuarkusTest
@LogTestResources
class OrphanTaskTest {

    @Inject
    TaskRunner runner;
    @Inject
    LogStreamConfig config;

    @Test
    void aTaskLeftRunningIsFailedAtStartAfterItsLogIsRead() throws Exception {
        String id = UUID.randomUUID().toString();
        Path log = config.taskRoot().resolve(id + ".log");
        QuarkusTransaction.requiringNew().run(() -> LogTask.create(id, LogSource.Kind.INSTALL, LogSource.TASKS,
                log.toString(), Instant.now()).persist());
        Files.writeString(log, "[1/2] fetching\nhalf written");

        runner.orphans(null);

        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/tasks/" + id + "/status").then()
                .extract().<Boolean>path("completed"));
        given().get("/api/tasks/" + id + "/status").then().body("status", equalTo("failed"))
                .body("error", containsString("outcome is unknown")).body("lines", equalTo(2));
    }
}
