package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.testing.kafka.OrphanGuard;

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
        Path dataDir = work.resolve("data");
        int base = FreePorts.base();
        StackDatabases databases = StackDatabases.fresh("crash");
        Map<String, String> env = Map.of("VIGIL_PIPELINE_HEARTBEAT", "1s", "VIGIL_PIPELINE_INSTANCE_TIMEOUT", "3s",
                "VIGIL_PIPELINE_RUN_WORK_DIR", work.resolve("runs").toString(),
                "VIGIL_PIPELINE_RUN_OUTPUT_DIR", work.resolve("output").toString());
        ServiceProcess restarted = null;
        try {
            StackScript.Result up = StackScript.run(work, env, "up", "--no-build", "--detach", "--data-dir",
                    dataDir.toString(), "--ports-from", String.valueOf(base), "--db-prefix", databases.prefix());
            assertThat(up.code()).as(up.output() + StackScript.log(dataDir)).isZero();
            StackState state = new StackFile(dataDir).read().orElseThrow();
            int port = state.ports().pipeline();

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

            long service = state.pids().get("pipeline");
            ProcessHandle.of(service).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook runs
            await().atMost(Duration.ofSeconds(10)).until(() -> !StackScript.alive(service));
            assertThat(StackScript.alive(child)).as("the step's processes outlive the service").isTrue();

            Map<String, String> serviceEnv = new HashMap<>(ServiceEnvironment.of(Service.PIPELINE,
                    StackOptions.parse(List.of("up", "--data-dir", dataDir.toString(), "--ports-from", String.valueOf(base),
                            "--db-prefix", databases.prefix()), StackScript.ROOT),
                    Postgres.fromEnvironment(System.getenv()), state.bootstrapServers()));
            serviceEnv.putAll(env);
            restarted = ServiceProcess.start(Service.PIPELINE, jar, guardJar(), port, serviceEnv, work.resolve("restarted"),
                    new StackConsole(new PrintStream(PrintStream.nullOutputStream()), false));
            ServiceProcess started = restarted;
            await().atMost(Duration.ofSeconds(60)).until(() -> started.isReady(http));

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(find(STATUS, send(port, "GET",
                    "/api/runs/" + run, null, null))));
            String body = send(port, "GET", "/api/runs/" + run, null, null);
            assertThat(body).contains("\"name\":\"long\"", "\"status\":\"interrupted\"", "\"status\":\"skipped\"");
            await().atMost(Duration.ofSeconds(10)).until(() -> !StackScript.alive(child));
        } finally {
            if (restarted != null) {
                restarted.stop().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
                restarted.kill();
            }
            StackScript.stopWhateverIsLeft(work, dataDir);
            databases.dropAll();
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

    private static Path guardJar() throws URISyntaxException {
        return Path.of(OrphanGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
