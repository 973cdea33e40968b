package io.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vigil.testing.WsTestClient;

/**
 * Two gateway replicas behind one stack: each consumes every partition in a consumer group of its own, so a
 * client on either one receives every deployment, whichever replica it happens to be connected to.
 */
class GatewayReplicasTest {

    private static final int DEPLOYMENTS = 20;
    private static final int CLIENTS_PER_REPLICA = 3;
    private static final Pattern COMMIT = Pattern.compile("\"commit_hash\"\\s*:\\s*\"(r[0-9]{6})\"");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void clientsOnEitherReplicaReceiveEveryDeployment() throws Exception {
        Path jar = Service.GATEWAY.runJar(StackScript.ROOT);
        assumeTrue(Files.exists(jar), () -> "monitor-gateway is not built (" + jar + ")");
        try (CrashTestStack stack = CrashTestStack.up(work, "replicas", Map.of())) {
            int first = stack.port(Service.GATEWAY);
            int second = stack.basePort() + 5;
            stack.startReplica(Service.GATEWAY, second);

            List<WsTestClient> clients = new ArrayList<>();
            try {
                for (int port : new int[] {first, second}) {
                    for (int i = 0; i < CLIENTS_PER_REPLICA; i++) {
                        WsTestClient client = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/monitor"));
                        client.await(msg -> msg.contains("\"snapshot\""), Duration.ofSeconds(10));
                        clients.add(client);
                    }
                }
                List<String> commits = IntStream.range(0, DEPLOYMENTS).mapToObj(i -> String.format("r%06d", i)).toList();
                for (String commit : commits) {
                    post(stack.port(Service.INGEST), commit);
                }

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(clients)
                        .allSatisfy(client -> assertThat(commitsSeen(client)).containsExactlyInAnyOrderElementsOf(commits)));
                assertThat(clients).allSatisfy(client -> assertThat(client.isClosed()).isFalse());
            } finally {
                clients.forEach(WsTestClient::close);
            }
        }
    }

    /** The commits of the finished deployments a client was told about, one entry per report it got, so a duplicate shows. */
    private static List<String> commitsSeen(WsTestClient client) {
        List<String> seen = new ArrayList<>();
        for (String message : client.messages()) {
            if (message.contains("\"deployment.updated\"")) {
                Matcher matcher = COMMIT.matcher(message);
                while (matcher.find()) {
                    seen.add(matcher.group(1));
                }
            }
        }
        return seen;
    }

    private void post(int ingestPort, String commit) throws Exception {
        String body = new DemoDeployment(DemoProject.ALL.get(0), commit, "replica-test", 1, null).finalBody(Instant.now());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ingestPort + "/api/webhook/deployment"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}
