package io.vigil.monitor.api;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** {@code /ws/logs/{runId}/{step}/{attempt}}: a pipeline step's log, whose task id holds slashes, as {@link LogSocket}. */
@WebSocket(path = "/ws/logs/{runId}/{step}/{attempt}")
public class StepLogSocket {

    private final LogSocket logs;
    private final StreamResumption streams;

    StepLogSocket(LogSocket logs, StreamResumption streams) {
        this.logs = logs;
        this.streams = streams;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection socket, @PathParam String runId, @PathParam String step,
            @PathParam String attempt) {
        return logs.open(socket, runId + "/" + step + "/" + attempt);
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
