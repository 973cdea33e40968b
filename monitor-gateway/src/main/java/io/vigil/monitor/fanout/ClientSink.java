package io.vigil.monitor.fanout;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * The transport of one client, as the hub sees it. The gateway adapts a WebSocket connection to it; tests use fakes.
 *
 * <p>The hub calls {@link #send} with at most one send of its queue outstanding, in order, and calls the next once
 * the stage completes. Two calls break that rule on purpose, when the hub gives up on a client: the
 * {@code lagging} message is sent while a send may still be outstanding, and {@link #close} follows it at once.
 * An implementation must keep those in call order (Vert.x's write queue does).
 */
public interface ClientSink {

    /**
     * Writes one text message. The stage completes when the transport has taken the message, or fails when it cannot;
     * a failure closes this client. May complete before returning. Must not block.
     */
    CompletionStage<Void> send(String text);

    /**
     * As {@link #send(String)}, for a publication: with the text's UTF-8 bytes, encoded once for every client (a
     * transport that writes bytes takes them instead of encoding the text again; the array is shared: read it, never
     * change it), and the time of the event it carries ({@code null} when none), so the transport can measure the
     * event's age when the message is written.
     */
    default CompletionStage<Void> send(String text, byte[] utf8, Instant eventTime) {
        return send(text);
    }

    /** Closes the connection with a WebSocket close code and reason. Must not block. */
    void close(int code, String reason);
}
