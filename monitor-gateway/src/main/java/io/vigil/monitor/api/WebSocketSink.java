package io.vigil.monitor.api;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vigil.monitor.fanout.ClientSink;
import io.vigil.monitor.metrics.EventAge;

/** The fan-out's view of a websockets-next connection: send a text, close with a code. */
final class WebSocketSink implements ClientSink {

    private static final Logger LOG = Logger.getLogger(WebSocketSink.class);

    private final WebSocketConnection connection;

    WebSocketSink(WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public CompletionStage<Void> send(String text) {
        return connection.sendText(text).subscribeAsCompletionStage(); // the write starts on subscription
    }

    /** Records the event's age once the message is written to the socket. */
    @Override
    public CompletionStage<Void> send(String text, Instant eventTime) {
        if (eventTime == null) {
            return send(text);
        }
        return connection.sendText(text).invoke(() -> EventAge.record(eventTime, Instant.now()))
                .subscribeAsCompletionStage();
    }

    @Override
    public void close(int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {
        }, failure -> LOG.debugf("closing %s: %s", connection.id(), failure.getMessage()));
    }
}
