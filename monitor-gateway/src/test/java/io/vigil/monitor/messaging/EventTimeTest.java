package io.vigil.monitor.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.fanout.ClientSink;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Connection;
import io.vigil.monitor.fanout.Filter;
import io.vigil.monitor.fanout.Hub;

/** An event's time travels with its messages to the socket write, for the event-age histogram. */
class EventTimeTest {

    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    record Sent(String text, Instant eventTime) {
    }

    static final class RecordingSink implements ClientSink {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public CompletionStage<Void> send(String text) {
            return send(text, null, null);
        }

        @Override
        public CompletionStage<Void> send(String text, byte[] utf8, Instant eventTime) {
            sent.add(new Sent(text, eventTime));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    @Test
    void eachMessageOfAnEventIsWrittenWithTheEventsTimeAndOthersWithout() {
        Hub hub = new Hub();
        RecordingSink sink = new RecordingSink();
        Connection client = hub.connect(sink);
        client.subscribe(Channel.MONITOR, Filter.EVERYTHING);
        client.subscribe(Channel.run("r-1"), Filter.EVERYTHING);

        VigilEvent<?> run = VigilEvent.of("r-1", 1, T, new RunUpdated("r-1", "build", "demo", Status.SUCCESS, T, T));
        VigilEvent<?> lines = VigilEvent.of("t-1", 1, T.plusSeconds(1), new LogLines("t-1",
                List.of(new LogLines.Line(1, T, "INFO", "x", null, null, null))));
        EventPublications.of(run).forEach(hub::publish);
        EventPublications.of(lines).forEach(hub::publish);
        client.send("{\"type\":\"pong\"}");

        assertThat(sink.sent).extracting(Sent::eventTime).containsExactly(T, null, T.plusSeconds(1), null);
        assertThat(sink.sent.get(1).text()).contains("\"type\":\"status\"");
    }
}
