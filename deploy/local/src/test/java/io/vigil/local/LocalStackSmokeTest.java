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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.testing.WsTestClient;

/**
 * The stack as a user runs it: {@code deploy/local/vigil up --detach} starts the real services, a deployment
 * posted to the webhook reaches a WebSocket client of the gateway, and {@code vigil down} leaves nothing running.
 */
class LocalStackSmokeTest {

    private static final Path ROOT = StackScript.ROOT;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void deploymentPostedToTheWebhookReachesTheDashboardSocketAndDownStopsEverything() throws Exception {
        List<Path> missing = Stream.of(Service.values()).map(s -> s.runJar(ROOT)).filter(jar -> !Files.exists(jar)).toList();
        assumeTrue(missing.isEmpty(), () -> "the services are not built (missing " + missing
                + "); './mvnw verify' at the repository root builds them before this module");

        Path dataDir = work.resolve("data");
        int base = FreePorts.base();
        StackDatabases databases = StackDatabases.fresh("stack");
        try {
            StackScript.Result up = script("up", "--no-build", "--detach", "--data-dir", dataDir.toString(),
                    "--ports-from", String.valueOf(base), "--db-prefix", databases.prefix());
            assertThat(up.code()).as(up.output() + StackScript.log(dataDir)).isZero();
            assertThat(up.output()).contains("all ready in", "ws://127.0.0.1:" + base + "/ws/monitor");
            StackState state = new StackFile(dataDir).read().orElseThrow();
            assertThat(state.ready()).isTrue();
            assertThat(state.pids()).containsOnlyKeys("kafka", "gateway", "ingest", "pipeline", "logs");
            for (int port = base; port < base + 4; port++) {
                assertThat(get(port, "/q/health/ready").statusCode()).as("ready on " + port).isEqualTo(200);
            }

            try (WsTestClient client = WsTestClient.connect(URI.create("ws://127.0.0.1:" + base + "/ws/monitor"))) {
                HttpResponse<String> posted = postDeployment(base + 1);
                assertThat(posted.statusCode()).as(posted.body()).isBetween(200, 299);

                client.await(msg -> msg.contains("\"demo-app\"") && msg.contains("deployment"), Duration.ofSeconds(1));
            }

            StackScript.Result down = script("down", "--data-dir", dataDir.toString());
            assertThat(down.code()).as(down.output()).isZero();
            assertThat(down.output()).contains("stopped");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(state.pids().values())
                    .allSatisfy(pid -> assertThat(StackScript.alive(pid)).as("pid " + pid).isFalse()));
            assertThat(StackScript.alive(state.pid())).as("the launcher").isFalse();
            assertThat(IntStream.of(base, base + 1, base + 2, base + 3, base + 9).filter(p -> !FreePorts.isFree(p)))
                    .as("ports still taken").isEmpty();
        } finally {
            StackScript.stopWhateverIsLeft(work, dataDir);
            databases.dropAll();
        }
    }

    private HttpResponse<String> postDeployment(int ingestPort) throws IOException, InterruptedException {
        String body = new DemoDeployment(DemoProject.ALL.get(0), "9f2c1e7", "axi-deploy", 3, null).finalBody(Instant.now());
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/api/webhook/deployment"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private StackScript.Result script(String... args) throws IOException, InterruptedException {
        return StackScript.run(work, Map.of(), args);
    }
}
