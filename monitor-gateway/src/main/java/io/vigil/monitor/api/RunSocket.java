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
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.history.OwnerHistory;

/**
 * {@code /ws/runs/{runId}/events?from_seq=N}: a run's events after seq N from pipeline-service, then live, with
 * no gap and no duplicate at the switch; when the run ends, a {@code status} message.
 */
@WebSocket(path = "/ws/runs/{runId}/events")
public class RunSocket {

    private final StreamResumption streams;
    private final OwnerHistory history;

    RunSocket(StreamResumption streams, OwnerHistory history) {
        this.streams = streams;
        this.history = history;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection socket, @PathParam String runId) {
        return streams.resume(socket, Channel.run(runId), "from_seq", after -> history.runEvents(runId, after),
                Uni.createFrom().nullItem());
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
