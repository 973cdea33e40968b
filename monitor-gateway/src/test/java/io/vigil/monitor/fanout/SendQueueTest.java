package io.vigil.monitor.fanout;

import static io.vigil.monitor.fanout.Messages.message;
import static io.vigil.monitor.fanout.Messages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class SendQueueTest {

    static List<String> texts(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(Messages::text).toList();
    }

    @Test
    void aClientGetsOneMessageAtATimeInOrder() {
        Hub hub = new Hub();
        FakeSink sink = FakeSink.manual();
        Connection connection = hub.connect(sink);
        connection.subscribe(Channel.MONITOR, Filter.EVERYTHING);

        for (long seq = 1; seq <= 5; seq++) {
            hub.publish(message(Channel.MONITOR, seq));
        }
        assertThat(sink.sent()).as("only the first is handed over until it completes").containsExactly(text(1));
        assertThat(connection.pendingMessages()).isEqualTo(4);

        sink.completeOne();
        assertThat(sink.sent()).containsExactly(text(1), text(2));
        connection.send("pong");
        sink.completeAll();

        assertThat(sink.sent()).containsExactly(text(1), text(2), text(3), text(4), text(5), "pong");
        assertThat(sink.mostInFlight()).isEqualTo(1);
        assertThat(connection.pendingMessages()).isZero();
        assertThat(hub.stats().queueHighWater()).isEqualTo(4);
    }

    @Test
    void aSlowClientIsToldItLagsAndClosedWhileFastClientsGetEverything() {
        Hub hub = new Hub(new FanOutLimits(1_000, 64L * 1024 * 1024, 100));
        FakeSink slow = FakeSink.never();
        Connection slowConnection = hub.connect(slow);
        slowConnection.subscribe(Channel.MONITOR, Filter.EVERYTHING);
        List<FakeSink> fast = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            FakeSink sink = FakeSink.immediate();
            fast.add(sink);
            hub.connect(sink).subscribe(Channel.MONITOR, Filter.EVERYTHING);
        }

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (long seq = 1; seq <= 1_500; seq++) {
                hub.publish(message(Channel.MONITOR, seq));
            }
        }, "publishing waited for the slow client");

        assertThat(slow.sent()).as("the first message (never completed), then lagging; nothing of the queue")
                .containsExactly(text(1), Hub.LAGGING_MESSAGE);
        assertThat(slow.closeCode()).isEqualTo(4008);
        assertThat(slow.closeReason()).isEqualTo("lagging");
        assertThat(slowConnection.isOpen()).isFalse();
        assertThat(slowConnection.disconnect()).contains(Disconnect.LAGGING);
        assertThat(hub.clients(Channel.MONITOR)).isEqualTo(100);
        assertThat(fast).allSatisfy(sink -> assertThat(sink.sent()).isEqualTo(texts(1, 1_500)));
        FanOutStats stats = hub.stats();
        assertThat(stats.laggingDisconnects()).isEqualTo(1);
        assertThat(stats.queueHighWater()).isEqualTo(1_000);
        assertThat(stats.connections()).isEqualTo(100);
    }

    @Test
    void theMessageBoundCountsWhatWaitsBehindTheSendInFlight() {
        Hub hub = new Hub(new FanOutLimits(5, 1 << 20, 100));
        FakeSink sink = FakeSink.never();
        Connection connection = hub.connect(sink);
        connection.subscribe(Channel.MONITOR, Filter.EVERYTHING);

        for (long seq = 1; seq <= 6; seq++) {
            hub.publish(message(Channel.MONITOR, seq));
        }
        assertThat(connection.isOpen()).as("one in flight and five waiting fit").isTrue();
        assertThat(connection.pendingMessages()).isEqualTo(5);

        assertThat(hub.publish(message(Channel.MONITOR, 7))).isZero();
        assertThat(connection.isOpen()).isFalse();
        assertThat(sink.closeCode()).isEqualTo(4008);
    }

    @Test
    void theByteBoundDropsAClientBeforeTheMessageBound() {
        String hundredBytes = "x".repeat(90) + "é".repeat(5); // 90 + 5 × 2 bytes in UTF-8
        Hub hub = new Hub(new FanOutLimits(1_000, 1_000, 100), () -> "{\"type\":\"lagging\",\"timestamp\":\"t\"}");
        FakeSink sink = FakeSink.never();
        Connection connection = hub.connect(sink);
        connection.subscribe(Channel.MONITOR, Filter.EVERYTHING);

        for (int i = 0; i < 11; i++) {
            hub.publish(Publication.to(Channel.MONITOR).encodedBy(() -> hundredBytes));
        }
        assertThat(connection.pendingBytes()).as("ten waiting, one in flight").isEqualTo(1_000);
        assertThat(connection.isOpen()).isTrue();

        hub.publish(Publication.to(Channel.MONITOR).encodedBy(() -> hundredBytes));

        assertThat(connection.isOpen()).isFalse();
        assertThat(sink.sent()).hasSize(2).last().isEqualTo("{\"type\":\"lagging\",\"timestamp\":\"t\"}");
        assertThat(hub.stats().queueBytesHighWater()).isEqualTo(1_000);
    }

    @Test
    void aFailedSendClosesThatClientOnly() {
        Hub hub = new Hub();
        FakeSink failing = FakeSink.failing();
        FakeSink throwing = FakeSink.throwing();
        FakeSink healthy = FakeSink.immediate();
        Connection failed = hub.connect(failing);
        Connection threw = hub.connect(throwing);
        for (Connection connection : List.of(failed, threw, hub.connect(healthy))) {
            connection.subscribe(Channel.MONITOR, Filter.EVERYTHING);
        }

        hub.publish(message(Channel.MONITOR, 1));
        hub.publish(message(Channel.MONITOR, 2));

        assertThat(failing.sent()).containsExactly(text(1));
        assertThat(failing.closeCode()).isEqualTo(1011);
        assertThat(failed.disconnect()).contains(Disconnect.SEND_FAILED);
        assertThat(throwing.closeReason()).isEqualTo("send failed");
        assertThat(threw.isOpen()).isFalse();
        assertThat(healthy.sent()).containsExactly(text(1), text(2));
        assertThat(hub.clients(Channel.MONITOR)).isEqualTo(1);
        assertThat(hub.stats().failedSends()).isEqualTo(2);
    }

    @Test
    void aLongQueueDrainsThroughSendsThatCompleteAtOnceWithoutDeepening() {
        Hub hub = new Hub(new FanOutLimits(200_000, 1L << 30, 100));
        FakeSink sink = FakeSink.manual();
        hub.connect(sink).subscribe(Channel.MONITOR, Filter.EVERYTHING);
        for (long seq = 1; seq <= 100_000; seq++) {
            hub.publish(message(Channel.MONITOR, seq));
        }

        sink.mode(FakeSink.Mode.IMMEDIATE);
        sink.completeOne(); // a recursive drain would overflow the stack here

        assertThat(sink.sentCount()).isEqualTo(100_000);
        assertThat(sink.sent().get(99_999)).isEqualTo(text(100_000));
    }

    @Test
    void aMessageOnlyForOneClientQueuesBehindItsLiveMessages() {
        Hub hub = new Hub(new FanOutLimits(2, 1 << 20, 100));
        FakeSink sink = FakeSink.manual();
        Connection connection = hub.connect(sink);
        connection.subscribe(Channel.ALERTS, Filter.EVERYTHING);

        hub.publish(message(Channel.ALERTS, 1));
        hub.publish(message(Channel.ALERTS, 2));
        assertThat(connection.send("pong")).isTrue();
        assertThat(connection.send("pong")).as("direct messages count against the bound too").isFalse();

        assertThat(sink.sent()).containsExactly(text(1), Hub.LAGGING_MESSAGE);
        assertThat(connection.send("pong")).as("closed").isFalse();
    }
}
