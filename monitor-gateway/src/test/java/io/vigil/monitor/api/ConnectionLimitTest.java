package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.OwnerStub;
import io.vigil.testing.WsTestClient;

/** At most {@code max-connections-per-address} WebSockets from one address (20 in tests), over every endpoint. */
@QuarkusTest
@GatewayTestResources
class ConnectionLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LOOPBACK = "127.0.0.1";

    @TestHTTPResource("/")
    URI root;

    @Inject
    ConnectionLimit limit;

    @ConfigProperty(name = "vigil.gateway.max-connections-per-address")
    int max;

    @Test
    void anUpgradeOverTheLimitIsRefusedWith429AndAClosedSocketFreesItsSlot() {
        Awaitility.await().atMost(WAIT).until(() -> limit.held(LOOPBACK) == 0); // other tests' sockets are gone
        String run = UUID.randomUUID().toString();
        OwnerStub.run(run, 0);
        List<WsTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < max; i++) { // counted over every endpoint
                clients.add(connect(i % 2 == 0 ? "ws/monitor" : "ws/runs/" + run + "/events"));
            }
            WsTestClient first = clients.get(0);
            first.await(m -> m.contains("snapshot"), WAIT);
            clients.get(1).await(m -> m.contains("recovered"), WAIT);
            Awaitility.await().atMost(WAIT).until(() -> limit.held(LOOPBACK) == max);

            Response refused = upgrade("/ws/monitor");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
            assertThat(refused.jsonPath().getInt("limit")).isEqualTo(max);
            assertThat(refused.jsonPath().getString("detail")).isEqualTo(LOOPBACK + " holds " + max
                    + " WebSockets already, the most one address may; close one first");
            assertThat(refused.jsonPath().getString("instance")).isEqualTo("/ws/monitor");

            first.send("{\"type\":\"ping\"}"); // those open are unaffected, and so is plain HTTP
            first.await(m -> m.contains("\"type\":\"pong\""), WAIT);
            assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);

            clients.remove(0).close();
            Awaitility.await().atMost(WAIT).until(() -> limit.held(LOOPBACK) < max);
            try (WsTestClient again = connect("ws/monitor")) {
                again.await(m -> m.contains("snapshot"), WAIT);
            }
        } finally {
            clients.forEach(WsTestClient::close);
        }
        Awaitility.await().atMost(WAIT).until(() -> limit.held(LOOPBACK) == 0);
    }

    private static Response upgrade(String path) {
        return given().header("Connection", "Upgrade").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13")
                .get(path);
    }

    private WsTestClient connect(String path) {
        return WsTestClient.connect(root.resolve(path).toString().replaceFirst("^http", "ws"));
    }
}
