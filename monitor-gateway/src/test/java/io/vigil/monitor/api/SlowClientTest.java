package io.vigil.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.monitor.GatewayTestResources;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Hub;
import io.vigil.monitor.fanout.Publication;
import io.vigil.testing.WsTestClient;

/**
 * A client that stops reading, over a real socket: once the kernel's buffers and its bounded queue are full it is
 * dropped as lagging, while a client that reads keeps getting every message, none late because of the other.
 */
@QuarkusTest
@GatewayTestResources
class SlowClientTest {

    private static final int MESSAGES = 20_000;
    private static final int CHUNK = 400;
    private static final String PADDING = "x".repeat(2000);

    @TestHTTPResource("/ws/monitor")
    URI monitor;

    @Inject
    Hub hub;

    @Test
    void aClientThatStopsReadingIsDroppedAsLaggingWhileOneThatReadsGetsEverything() throws Exception {
        String url = monitor.toString().replaceFirst("^http", "ws");
        long laggingBefore = hub.stats().laggingDisconnects();
        try (WsTestClient reader = WsTestClient.connect(url)) {
            reader.await(message -> message.contains("\"snapshot\""), Duration.ofSeconds(5));
            WebSocket stalled = stalledClient(url);
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.clients(Channel.MONITOR) >= 2);

            for (int sent = 0; sent < MESSAGES; sent += CHUNK) {
                for (int i = sent; i < sent + CHUNK; i++) {
                    int n = i;
                    hub.publish(Publication.to(Channel.MONITOR).type("slow-client-test")
                            .encodedBy(() -> "{\"type\":\"slow-client-test\",\"n\":" + n + ",\"pad\":\"" + PADDING + "\"}"));
                }
                int expected = sent + CHUNK;
                await().atMost(Duration.ofSeconds(10)).until(() -> received(reader) >= expected);
            }

            assertThat(received(reader)).isEqualTo(MESSAGES);
            assertThat(reader.isClosed()).as("the reading client is still connected").isFalse();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(hub.stats().laggingDisconnects()).isGreaterThan(laggingBefore);
                assertThat(hub.clients(Channel.MONITOR)).as("only the reader is left").isEqualTo(1);
            });
            stalled.abort();
        }
    }

    private static long received(WsTestClient client) {
        return client.messages().stream().filter(message -> message.contains("\"slow-client-test\"")).count();
    }

    /** Takes the snapshot, then never asks for another message: the JDK client stops reading the socket. */
    private static WebSocket stalledClient(String url) {
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                return null;
            }
        };
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), listener)
                .orTimeout(10, TimeUnit.SECONDS).join();
    }
}
