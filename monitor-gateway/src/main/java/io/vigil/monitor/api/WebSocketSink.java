package io.vigil.monitor.api;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vigil.monitor.fanout.ClientSink;
import io.vigil.monitor.metrics.EventAge;

/** The fan-out's view of a websockets-next connection: send a text, close with a code. */
final class WebSocketSink implements ClientSink {

    private static final Logger LOG = Logger.getLogger(WebSocketSink.class);
    /** One event message in this many is timed for the event-age histogram: a sample, cheaper than every write. */
    private static final int AGE_SAMPLE = 16;

    private final WebSocketConnection connection;
    /** The socket to write to directly; null where only websockets-next's sendText is available. */
    private final WebSocketBase socket;
    private int eventMessages; // only the connection's one sender at a time touches it

    WebSocketSink(WebSocketConnection connection) {
        this.connection = connection;
        this.socket = VertxWebSockets.of(connection).orElse(null);
    }

    @Override
    public CompletionStage<Void> send(String text) {
        if (socket != null) {
            return socket.writeTextMessage(text).toCompletionStage();
        }
        return connection.sendText(text).subscribeAsCompletionStage(); // the write starts on subscription
    }

    /** Writes the bytes every client shares as one text frame (no encoding per client); times a sample of them. */
    @Override
    public CompletionStage<Void> send(String text, byte[] utf8, Instant eventTime) {
        boolean timed = eventTime != null && eventMessages++ % AGE_SAMPLE == 0;
        if (socket == null) {
            Uni<Void> written = connection.sendText(text);
            return (timed ? written.invoke(() -> EventAge.record(eventTime, Instant.now())) : written)
                    .subscribeAsCompletionStage();
        }
        Future<Void> written = socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true));
        return (timed ? written.onSuccess(ignored -> EventAge.record(eventTime, Instant.now())) : written)
                .toCompletionStage();
    }

    @Override
    public void close(int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {
        }, failure -> LOG.debugf("closing %s: %s", connection.id(), failure.getMessage()));
    }
}
