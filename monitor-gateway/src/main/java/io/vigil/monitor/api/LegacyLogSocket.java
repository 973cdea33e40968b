package io.vigil.monitor.api;

import java.util.regex.Pattern;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vigil.monitor.domain.LegacyLogMessage;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.history.OwnerHistory;

/**
 * {@code /v1/log/ws?task_id=…} for the existing install-log viewers, unchanged: the task's lines from the first
 * (or after {@code offset}), then live, one message per line ({@link LegacyLogMessage}), each line once, and a
 * last line when the task is finished.
 */
@WebSocket(path = "/v1/log/ws")
public class LegacyLogSocket {

    /** What log-stream-service takes as a task id; anything else never reaches it. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@+/-]{0,254}");

    private final StreamResumption streams;
    private final OwnerHistory history;

    LegacyLogSocket(StreamResumption streams, OwnerHistory history) {
        this.streams = streams;
        this.history = history;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection socket) {
        String taskId = StreamResumption.parameter(socket.handshakeRequest().query(), "task_id");
        if (taskId == null || !TASK_ID.matcher(taskId).matches()) {
            return streams.refuse(socket, "task_id is required: a task id");
        }
        Channel channel = Channel.logLines(taskId);
        return streams.resume(socket, channel, "offset", after -> history.taskLines(taskId, after, channel,
                line -> LegacyLogMessage.line(taskId, line.offset(), line.time(), line.level(), line.text(),
                        line.progress(), line.step(), line.steps())),
                history.taskStatus(taskId).map(status -> status.completed()
                        ? LegacyLogMessage.end(taskId, status.status(), status.finishedAt()) : null), false);
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
