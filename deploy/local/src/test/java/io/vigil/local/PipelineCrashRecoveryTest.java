package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of pipeline-service in the middle of a run, then a restart as the stack starts it: the run does not
 * stay running forever, the lost step is interrupted, and the processes it left behind are stopped.
 */
class PipelineCrashRecoveryTest {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z_]+)\"");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aRunSurvivesKillDashNineOfPipelineServiceAndItsRestart() throws Exception {
        Path jar = Service.PIPELINE.runJar(StackScript.ROOT);
        assumeTrue(Files.exists(jar), () -> "pipeline-service is not built (" + jar + ")");
        Map<String, String> env = Map.of("VIGIL_PIPELINE_HEARTBEAT", "1s", "VIGIL_PIPELINE_INSTANCE_TIMEOUT", "3s",
                "VIGIL_PIPELINE_RUN_WORK_DIR", work.resolve("runs").toString(),
                "VIGIL_PIPELINE_RUN_OUTPUT_DIR", work.resolve("output").toString());
        try (CrashTestStack stack = CrashTestStack.up(work, "crash", env)) {
            int port = stack.port(Service.PIPELINE);
            String pipeline = find(ID, send(port, "POST", "/api/pipelines", "application/yaml", """
                    name: crash
                    steps:
                      - {name: long, run: "sleep 60 & echo $! > child.pid; wait"}
                      - {name: after, needs: [long], run: echo never}
                    """));
            String run = find(ID, send(port, "POST", "/api/pipelines/" + pipeline + "/runs", "application/json", "{}"));
            Path childPid = work.resolve("runs").resolve(run).resolve("child.pid");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(childPid) && Files.size(childPid) > 0);
            long child = Long.parseLong(Files.readString(childPid).trim());

            stack.kill(Service.PIPELINE);
            assertThat(StackScript.alive(child)).as("the step's processes outlive the service").isTrue();
            stack.restart(Service.PIPELINE);

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(find(STATUS, send(port, "GET",
                    "/api/runs/" + run, null, null))));
            String body = send(port, "GET", "/api/runs/" + run, null, null);
            assertThat(body).contains("\"name\":\"long\"", "\"status\":\"interrupted\"", "\"status\":\"skipped\"");
            await().atMost(Duration.ofSeconds(10)).until(() -> !StackScript.alive(child));
        }
    }

    private String send(int port, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (body != null) {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body();
    }

    private static String find(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        assertThat(m.find()).as(pattern + " in " + json).isTrue();
        return m.group(1);
    }
}
