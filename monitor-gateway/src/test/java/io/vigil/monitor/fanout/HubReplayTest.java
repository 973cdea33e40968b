package io.vigil.monitor.fanout;

import static io.vigil.monitor.fanout.Messages.message;
import static io.vigil.monitor.fanout.Messages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class HubReplayTest {

    static final Channel RUN = Channel.run("r");

    /** The notice as the package javadoc documents it (without the envelope's timestamp). */
    static final Function<Recovery, String> NOTICE = recovery -> recovery.missing()
            .map(gap -> "{\"type\":\"recovered\",\"data\":{\"recovered\":false,\"missing\":{\"from\":" + gap.from()
                    + ",\"to\":" + gap.to() + "}}}")
            .orElse("{\"type\":\"recovered\",\"data\":{\"recovered\":true}}");

    static List<Publication> history(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(seq -> message(RUN, seq)).toList();
    }

    @Test
    void resumingSendsNoticeHistoryThenLiveWithoutGapOrDuplicate() {
        Hub hub = new Hub();
        FakeSink sink = FakeSink.immediate();
        Connection connection = hub.connect(sink);
        assertThat(connection.resume(RUN, 10).accepted()).isTrue();

        hub.publish(message(RUN, 13)); // live, while history is fetched
        hub.publish(message(RUN, 14));
        assertThat(sink.sent()).as("held until history is in").isEmpty();
        assertThat(connection.firstBufferedSeq(RUN)).hasValue(13);
        assertThat(connection.pendingMessages()).isEqualTo(2);

        Optional<Recovery> recovery = connection.replay(RUN, history(11, 13), NOTICE);
        hub.publish(message(RUN, 13)); // a late live copy of what history had
        hub.publish(message(RUN, 15));

        assertThat(recovery).contains(Recovery.COMPLETE);
        assertThat(sink.sent()).containsExactly("{\"type\":\"recovered\",\"data\":{\"recovered\":true}}",
                text(11), text(12), text(13), text(14), text(15));
        assertThat(connection.pendingMessages()).isZero();
    }

    @Test
    void aGapIsAnnouncedBeforeHistory() {
        Hub hub = new Hub();
        FakeSink sink = FakeSink.immediate();
        Connection connection = hub.connect(sink);
        connection.resume(RUN, 10);
        hub.publish(message(RUN, 15));

        connection.replay(RUN, history(11, 12), NOTICE);

        assertThat(sink.sent()).containsExactly(
                "{\"type\":\"recovered\",\"data\":{\"recovered\":false,\"missing\":{\"from\":13,\"to\":14}}}",
                text(11), text(12), text(15));
    }

    @Test
    void historyIsNotCountedAgainstTheBoundButHeldLiveMessagesAre() {
        Hub hub = new Hub(new FanOutLimits(3, 1 << 20, 100));
        FakeSink sink = FakeSink.manual();
        Connection connection = hub.connect(sink);
        connection.resume(RUN, 0);

        hub.publish(message(RUN, 51));
        hub.publish(message(RUN, 52));
        connection.replay(RUN, history(1, 50), NOTICE);
        assertThat(connection.isOpen()).as("fifty history messages wait, over the bound of three").isTrue();
        assertThat(connection.pendingMessages()).isEqualTo(2);

        Connection other = hub.connect(FakeSink.manual());
        other.resume(Channel.run("s"), 0);
        for (long seq = 1; seq <= 4; seq++) {
            hub.publish(message(Channel.run("s"), seq));
        }
        assertThat(other.isOpen()).as("four held live messages cross the bound").isFalse();
    }

    @Test
    void replayNeedsAResumedChannelAndAnOpenClient() {
        Hub hub = new Hub();
        Connection connection = hub.connect(FakeSink.immediate());
        connection.subscribe(RUN, Filter.EVERYTHING);
        assertThatThrownBy(() -> connection.replay(RUN, List.of(), NOTICE)).isInstanceOf(IllegalStateException.class);

        connection.resume(Channel.run("s"), 0);
        connection.closed();
        assertThat(connection.replay(Channel.run("s"), List.of(), NOTICE)).isEmpty();
    }

    @Test
    void liveMessagesArrivingBeforeDuringAndAfterTheSwitchReachTheClientOnceInOrder() throws Exception {
        for (int round = 0; round < 20; round++) {
            Hub hub = new Hub(new FanOutLimits(100_000, 1L << 30, 100));
            List<String> received = new CopyOnWriteArrayList<>();
            ExecutorService io = Executors.newSingleThreadExecutor();
            ClientSink sink = new ClientSink() {
                @Override
                public java.util.concurrent.CompletionStage<Void> send(String text) {
                    received.add(text);
                    return java.util.concurrent.CompletableFuture.runAsync(() -> { }, io);
                }

                @Override
                public void close(int code, String reason) {
                    received.add("closed " + reason);
                }
            };
            Connection connection = hub.connect(sink);
            long total = 5_000;
            List<Publication> owner = new CopyOnWriteArrayList<>(); // what the owner has committed: seq i at index i-1

            ExecutorService kafka = Executors.newSingleThreadExecutor();
            owner.addAll(history(1, 100));
            connection.resume(RUN, 40);
            Future<?> live = kafka.submit(() -> {
                for (long seq = 101; seq <= total; seq++) {
                    owner.add(message(RUN, seq)); // committed, then published
                    hub.publish(message(RUN, seq));
                    if (seq % 500 == 0) {
                        hub.publish(message(RUN, seq - 250)); // a redelivery
                    }
                }
            });
            while (owner.size() < 100 + round * 200) {
                Thread.onSpinWait();
            }
            List<Publication> committed = List.copyOf(owner);
            List<Publication> fetched = committed.subList(40, committed.size());
            Optional<Recovery> recovery = connection.replay(RUN, fetched, NOTICE);
            live.get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() >= total - 40 + 1);
            kafka.shutdown();
            io.shutdown();
            assertThat(io.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(recovery).contains(Recovery.COMPLETE);
            List<String> expected = new ArrayList<>();
            expected.add(NOTICE.apply(Recovery.COMPLETE));
            LongStream.rangeClosed(41, total).forEach(seq -> expected.add(text(seq)));
            assertThat(received).as("round %d, history to %d", round, fetched.size() + 40).isEqualTo(expected);
        }
    }
}
