package io.vigil.logs.api;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vigil.logs.LogTestResources;
import io.vigil.logs.config.LogStreamConfig;
import io.vigil.testing.TopicReader;

/** Tasks started from templates through the API and the existing clients' paths, run as real processes. */
@QuarkusTest
@LogTestResources
class TasksApiTest {

    private static final String TOKEN = "tok-" + UUID.randomUUID();

    @Inject
    LogStreamConfig config;

    @Test
    void aTaskRunsItsLinesAreParsedAndItsSecretParameterNeverLeavesTheService() {
        String id = start("quick", Map.of("target", "web", "token", TOKEN, "code", "0"));

        JsonPath status = awaitCompleted(id);
        assertThat(status.getString("status")).isEqualTo("success");
        assertThat(status.getInt("exit_code")).isZero();
        assertThat(status.getInt("progress")).isEqualTo(100);
        assertThat(status.getInt("step")).isEqualTo(2);
        assertThat(status.getInt("steps")).isEqualTo(2);
        assertThat(status.getString("step_text")).isEqualTo("finishing");
        assertThat(status.getLong("lines")).isEqualTo(4);
        assertThat(status.getLong("masked")).isEqualTo(1);
        assertThat(status.getMap("params")).containsOnly(Map.entry("target", "web"), Map.entry("code", "0"));

        JsonPath history = given().get("/api/tasks/" + id + "/history?offset=0").then().statusCode(200).extract()
                .jsonPath();
        assertThat(history.getList("lines.text", String.class)).containsExactly("[1/2] preparing web", "using ***",
                "half way 50%", "[2/2] finishing");
        assertThat(history.getList("lines.offset", Long.class)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(history.getLong("next_offset")).isEqualTo(4);
        assertThat(history.getBoolean("complete")).isTrue();

        String download = given().get("/api/tasks/" + id + "/download").then().statusCode(200)
                .header("Accept-Ranges", "bytes").extract().asString();
        assertThat(download).isEqualTo("[1/2] preparing web\nusing ***\nhalf way 50%\n[2/2] finishing\n");
        assertThat(TopicReader.readAll("vigil.logs")).noneMatch(record -> record.value().contains(TOKEN));
        assertThat(Path.of(config.taskRoot().toString(), id + ".log")).content(UTF_8).contains(TOKEN);
    }

    @Test
    void historyIsReadByOffsetAndTheLimitIsCapped() {
        String id = start("quick", Map.of("target", "page", "code", "0"));
        awaitCompleted(id);

        JsonPath page = given().get("/api/tasks/" + id + "/history?offset=1&limit=2").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("lines.offset", Long.class)).containsExactly(2L, 3L);
        assertThat(page.getLong("next_offset")).isEqualTo(3);
        assertThat(page.getBoolean("complete")).isFalse();
        given().get("/api/tasks/" + id + "/history?offset=4").then().statusCode(200).body("lines", hasSize(0))
                .body("next_offset", equalTo(4)).body("complete", equalTo(true));
        given().get("/api/tasks/" + id + "/history?limit=99999999").then().statusCode(200).body("lines", hasSize(4));
    }

    @Test
    void aDownloadServesByteRanges() {
        String id = start("quick", Map.of("target", "range", "code", "0"));
        awaitCompleted(id);
        long length = "[1/2] preparing range\nusing \nhalf way 50%\n[2/2] finishing\n".length();

        given().header("Range", "bytes=6-12").get("/api/tasks/" + id + "/download").then().statusCode(206)
                .header("Content-Range", "bytes 6-12/" + length)
                .body(equalTo("prepari"));
        given().header("Range", "bytes=-9").get("/api/tasks/" + id + "/download").then().statusCode(206)
                .body(equalTo("finishing\n".substring(1)));
        given().header("Range", "bytes=100000-").get("/api/tasks/" + id + "/download").then().statusCode(416)
                .contentType("application/problem+json").header("Content-Range", containsString("bytes */"));
    }

    @Test
    void aFailingTaskFailsWithItsExitCode() {
        String id = start("quick", Map.of("target", "broken", "code", "3"));

        JsonPath status = awaitCompleted(id);
        assertThat(status.getString("status")).isEqualTo("failed");
        assertThat(status.getInt("exit_code")).isEqualTo(3);
        assertThat(status.getInt("progress")).isEqualTo(50);
    }

    @Test
    void aTaskRunningPastItsTimeoutIsStoppedAndFails() {
        String id = start("slow", Map.of("seconds", "30"));

        JsonPath status = awaitCompleted(id);
        assertThat(status.getString("status")).isEqualTo("failed");
        assertThat(status.getString("error")).contains("timed out");
    }

    @Test
    void aTaskSeesItsParametersAndNothingOfTheServicesEnvironment() {
        String id = start("env", Map.of());
        awaitCompleted(id);

        List<String> env = given().get("/api/tasks/" + id + "/history").then().statusCode(200).extract().jsonPath()
                .getList("lines.text", String.class);
        assertThat(env).contains("PATH=/usr/local/bin:/usr/bin:/bin", "VIGIL_TASK_ID=" + id, "LANG=C.UTF-8",
                "HOME=" + config.taskRoot().resolve(id + ".d"));
        assertThat(env).noneMatch(line -> line.startsWith("PG") || line.startsWith("KAFKA") || line.startsWith("JAVA")
                || line.startsWith("QUARKUS") || line.startsWith("MAVEN"));
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        problem(Map.of("template", "nope"), "template");
        problem(Map.of("params", Map.of()), "template");
        problem(Map.of("template", "quick", "params", Map.of("code", "0")), "params.target");
        problem(Map.of("template", "quick", "params", Map.of("target", "../../etc", "code", "0")), "params.target");
        problem(Map.of("template", "quick", "params", Map.of("target", "x", "code", "0; rm -rf /")), "params.code");
        problem(Map.of("template", "quick", "params", Map.of("target", "x", "code", "0", "command", "id")),
                "params.command");
        given().contentType(ContentType.JSON).body("{\"template\": ").post("/api/tasks").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).post("/api/tasks").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/tasks/..%2F..%2Fetc%2Fpasswd/status", "/api/tasks/a%00b/history",
            "/api/tasks/..%2Fx/download", "/api/tasks/%2Fetc%2Fpasswd/status", "/v1/log/status?task_id=../../etc/passwd",
            "/v1/log/history?task_id=%2Fetc%2Fpasswd", "/api/tasks/a%20b/status"})
    void noIdReachesAPath(String path) {
        int status = given().urlEncodingEnabled(false).get(path).then().extract().statusCode();
        assertThat(status).isIn(400, 404);
        assertThat(given().urlEncodingEnabled(false).get(path).asString()).doesNotContain("root:");
    }

    @Test
    void unknownTasksAndBadQueriesAreProblems() {
        given().get("/api/tasks/" + UUID.randomUUID() + "/status").then().statusCode(404)
                .contentType("application/problem+json");
        String id = start("quick", Map.of("target", "q", "code", "0"));
        given().get("/api/tasks/" + id + "/history?offset=-1").then().statusCode(400).body("field", equalTo("offset"));
        given().get("/api/tasks/" + id + "/history?limit=abc").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/tasks/" + id + "/history?limit=0").then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void theExistingClientsPathsStartAndFollowAnInstall() {
        String id = given().contentType(ContentType.JSON).body(Map.of("key", "nginx", "version", "1.20.2"))
                .post("/v1/soft/install").then().statusCode(202).body("success", equalTo(true)).extract()
                .path("data.installName");

        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/v1/log/status?task_id=" + id).then()
                .statusCode(200).extract().<Boolean>path("data.completed"));
        given().get("/v1/log/status?task_id=" + id).then().body("success", equalTo(true))
                .body("data.status", equalTo("success")).body("data.progress", equalTo(100))
                .body("data.total_steps", equalTo(3));
        JsonPath history = given().get("/v1/log/history?task_id=" + id + "&offset=0&limit=3").then().statusCode(200)
                .extract().jsonPath();
        assertThat(history.getBoolean("success")).isTrue();
        assertThat(history.getList("data.content", String.class)).containsExactly("[INFO] installing nginx 1.20.2",
                "[1/3] Downloading nginx-1.20.2", "downloaded 25%");
        assertThat(history.getList("data.lines.level", String.class)).containsExactly("INFO", "INFO", "INFO");
        assertThat(history.getList("data.lines.progress", Integer.class)).containsExactly(null, 0, 25);
        assertThat(history.getLong("data.next_offset")).isEqualTo(3);
        assertThat(history.getLong("data.total")).isEqualTo(9);

        given().get("/v1/log/history?task_id=" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("success", equalTo(false))
                .body("message", containsString("no task"));
        given().get("/v1/log/status").then().statusCode(400).body("success", equalTo(false))
                .body("message", containsString("required")).body("field", equalTo("task_id"));
        given().contentType(ContentType.JSON).body(Map.of("key", "nginx; reboot", "version", "1"))
                .post("/v1/soft/install").then().statusCode(400).body("success", equalTo(false))
                .body("field", equalTo("params.key"));
    }

    @Test
    void registeredSecretsAreMaskedAndShortOnesRefused() throws Exception {
        String run = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(Map.of("scope", run, "values", List.of("hunter2-pass")))
                .post("/api/secrets").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("scope", run, "values", List.of("abc")))
                .post("/api/secrets").then().statusCode(400).body("field", equalTo("values[0]"));
        given().contentType(ContentType.JSON).body(Map.of("scope", "../x", "values", List.of("abcdef")))
                .post("/api/secrets").then().statusCode(400).body("field", equalTo("scope"));
        Path log = config.logRoot().resolve(run + "/deploy/1.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "login with hunter2-pass\ncurl -H 'Authorization: Bearer abcdef0123456789xyz'\n", UTF_8);
        String task = run + "/deploy/1";

        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/api/tasks/" + task + "/status")
                .statusCode() == 200 && given().get("/api/tasks/" + task + "/status").jsonPath().getLong("lines") == 2);
        given().get("/api/tasks/" + task + "/history").then().body("lines[0].text", equalTo("login with ***"))
                .body("lines[1].text", equalTo("curl -H 'Authorization: Bearer ***'"));
        given().get("/api/tasks/" + task + "/status").then().body("masked", equalTo(2));
        assertThat(given().get("/api/tasks/" + task + "/download").asString()).doesNotContain("hunter2", "abcdef0123");
        assertThat(TopicReader.readAll("vigil.logs"))
                .noneMatch(record -> record.value().contains("hunter2-pass") || record.value().contains("abcdef0123"));
    }

    private static String start(String template, Map<String, String> params) {
        return given().contentType(ContentType.JSON).body(Map.of("template", template, "params", params))
                .post("/api/tasks").then().statusCode(202).extract().path("task_id");
    }

    private static JsonPath awaitCompleted(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/tasks/" + id + "/status").then()
                .statusCode(200).extract().<Boolean>path("completed"));
        return given().get("/api/tasks/" + id + "/status").then().extract().jsonPath();
    }

    private static void problem(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/api/tasks").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field));
    }
}
