package io.vigil.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.testing.WsTestClient;

/**
 * The fan-out writes to the Vert.x socket under each websockets-next connection; a Quarkus upgrade that hides it
 * would silently fall back to the slower sendText path, so this test says so first.
 */
@QuarkusTest
@GatewayTestResources
class VertxWebSocketsTest {

    @TestHTTPResource("/ws/monitor")
    URI monitor;

    @Inject
    OpenConnections connections;

    @Test
    void theVertxSocketUnderAConnectionIsReachable() {
        try (WsTestClient client = WsTestClient.connect(monitor.toString().replaceFirst("^http", "ws"))) {
            client.await(message -> message.contains("\"snapshot\""), Duration.ofSeconds(5));
            WebSocketConnection connection = connections.stream()
                    .filter(open -> "/ws/monitor".equals(open.handshakeRequest().path())).findFirst().orElseThrow();

            assertThat(VertxWebSockets.of(connection)).get().isInstanceOf(ServerWebSocket.class)
                    .satisfies(socket -> assertThat(socket.isClosed()).isFalse());
        }
    }
}
