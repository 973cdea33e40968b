package io.vigil.monitor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.monitor.GatewayTestResources;

/**
 * A browser on another site cannot open the gateway's WebSockets; the gateway's own pages, an allowed origin
 * ({@code %test} allows {@code https://dash.example.test}) and clients that send no Origin can.
 */
@QuarkusTest
@GatewayTestResources
class WebSocketOriginsTest {

    @TestHTTPResource("/ws/monitor")
    URI monitor;

    @Test
    void anUpgradeFromAnotherSiteIsRefusedWith403Problem() {
        given().header("Origin", "https://evil.example").header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13")
                .get("/ws/monitor").then().statusCode(403).contentType("application/problem+json")
                .body("field", equalTo("Origin"))
                .body("detail", equalTo("WebSockets may not be opened from https://evil.example; allow it with"
                        + " vigil.gateway.allowed-origins"));
    }

    @Test
    void theGatewaysOwnOriginAnAllowedOneAndNoOriginMayOpen() {
        String ws = monitor.toString().replaceFirst("^http", "ws");
        String own = "http://" + monitor.getHost() + ":" + monitor.getPort();
        for (String origin : new String[] {own, "https://dash.example.test", "HTTPS://DASH.EXAMPLE.TEST/", null}) {
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            if (origin != null) {
                builder.header("Origin", origin);
            }
            WebSocket socket = builder.buildAsync(URI.create(ws), new WebSocket.Listener() {
            }).orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(socket.isInputClosed()).as("opened from " + origin).isFalse();
            socket.abort();
        }
    }
}
