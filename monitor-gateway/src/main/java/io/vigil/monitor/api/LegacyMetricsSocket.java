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
 * {@code /api/v1/group-ai/monitor/ws/metrics}, the replaced system's alias: the same updates as
 * {@code /ws/metrics} in its shape, {@code system_metrics} and {@code account_metrics} at the top level.
 */
@WebSocket(path = "/api/v1/group-ai/monitor/ws/metrics")
public class LegacyMetricsSocket {

    private final MetricsStreams streams;

    LegacyMetricsSocket(MetricsStreams streams) {
        this.streams = streams;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection socket) {
        return streams.open(socket, UpdateGroup.Shape.LEGACY);
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
