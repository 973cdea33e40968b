package io.vigil.monitor.api;

import java.time.Clock;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.history.OwnerHistory;

/**
 * {@code /ws/logs/{taskId}?from_offset=N}: a task's lines after line N from log-stream-service, then live (each
 * line once), then a {@code status} message when the task is finished.
 */
@WebSocket(path = "/ws/logs/{taskId}")
public class LogSocket {

    private final StreamResumption streams;
    private final OwnerHistory history;
    private final Clock clock;

    LogSocket(StreamResumption streams, OwnerHistory history, Clock clock) {
        this.streams = streams;
        this.history = history;
        this.clock = clock;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection socket, @PathParam String taskId) {
        return open(socket, taskId);
    }

    Uni<Void> open(WebSocketConnection socket, String taskId) {
        return streams.resume(socket, Channel.logs(taskId), "from_offset", after -> history.taskLines(taskId, after),
                history.taskStatus(taskId).map(status -> status.completed()
                        ? MonitorMessage.status(status.status(), status.finishedAt(), clock.instant()) : null));
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
