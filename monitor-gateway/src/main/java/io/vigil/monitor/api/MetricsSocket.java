package io.vigil.monitor.api;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vigil.monitor.metrics.UpdateGroup;

/**
 * {@code /ws/metrics}: a {@code metrics_update} at once, then one every period (5 s unless the client
 * asks for 1–60 s with {@code ?period=N} or a {@code period} message), in the protocol's envelope.
 */
@WebSocket(path = "/ws/metrics")
public class MetricsSocket {

    private final MetricsStreams streams;

    MetricsSocket(MetricsStreams streams) {
        this.streams = streams;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection socket) {
        return streams.open(socket, UpdateGroup.Shape.VIGIL);
    }

    @OnTextMessage
    public void onMessage(String text, WebSocketConnection socket) {
        streams.onMessage(socket, text);
    }

    @OnPongMessage
    public void onPong(Buffer data, WebSocketConnection socket) {
        streams.heard(socket);
    }

    @OnClose
    public void onClose(WebSocketConnection socket) {
        streams.onClose(socket);
    }
}
