package io.vigil.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * A WebSocket client for tests: connects, collects every text message in arrival order,
 * and waits with a deadline for a message that matches.
 */
public final class WsTestClient implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsTestClient(URI uri, Duration timeout) {
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(uri, listener).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public static WsTestClient connect(URI uri) {
        return new WsTestClient(uri, Duration.ofSeconds(10));
    }

    public static WsTestClient connect(String uri) {
        return connect(URI.create(uri));
    }

    /** Every text message received so far, oldest first. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The first message matching {@code match}, waiting up to {@code timeout} for it. */
    public String await(Predicate<String> match, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(5))
                .until(() -> messages.stream().anyMatch(match));
        return messages.stream().filter(match).findFirst().orElseThrow();
    }

    /** The close code the server sent, waiting up to {@code timeout} for it to close the connection. */
    public int closeCode(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** True once the server has closed the connection. */
    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }
}
