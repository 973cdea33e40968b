package io.vigil.monitor.fanout;

import static io.vigil.monitor.fanout.Messages.event;
import static io.vigil.monitor.fanout.Messages.message;
import static io.vigil.monitor.fanout.Messages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class HubRoutingTest {

    final Hub hub = new Hub();

    @Test
    void channelsAreNamedAsClientsWriteThem() {
        assertThat(Channel.parse("run:42")).isEqualTo(Channel.run("42"));
        assertThat(Channel.parse("logs:build-7").name()).isEqualTo("logs:build-7");
        assertThat(Channel.parse("monitor")).isEqualTo(Channel.MONITOR);
        assertThat(Channel.parse("alerts")).isEqualTo(Channel.ALERTS);
        assertThatThrownBy(() -> Channel.parse("run")).hasMessageContaining("needs an id");
        assertThatThrownBy(() -> Channel.parse("run:")).hasMessageContaining("needs an id");
        assertThatThrownBy(() -> Channel.parse("metrics:x")).hasMessageContaining("takes no id");
        assertThatThrownBy(() -> Channel.parse("runs:1")).hasMessageContaining("unknown channel runs:1");
    }

    @Test
    void aPublicationReachesOnlyTheClientsOfItsChannel() {
        FakeSink runOne = FakeSink.immediate();
        FakeSink runTwo = FakeSink.immediate();
        FakeSink monitor = FakeSink.immediate();
        hub.connect(runOne).subscribe(Channel.run("1"), Filter.EVERYTHING);
        hub.connect(runTwo).subscribe(Channel.run("2"), Filter.EVERYTHING);
        hub.connect(monitor).subscribe(Channel.MONITOR, Filter.EVERYTHING);

        assertThat(hub.publish(message(Channel.run("1"), 1))).isEqualTo(1);

        assertThat(runOne.sent()).containsExactly(text(1));
        assertThat(runTwo.sent()).isEmpty();
        assertThat(monitor.sent()).isEmpty();
    }

    @Test
    void filtersSelectByProjectAndType() {
        FakeSink demoOnly = FakeSink.immediate();
        FakeSink deploymentsOnly = FakeSink.immediate();
        FakeSink everything = FakeSink.immediate();
        hub.connect(demoOnly).subscribe(Channel.MONITOR, new Filter(Set.of("demo"), Set.of()));
        hub.connect(deploymentsOnly).subscribe(Channel.MONITOR, new Filter(Set.of(), Set.of("io.vigil.deployment.updated")));
        hub.connect(everything).subscribe(Channel.MONITOR, Filter.EVERYTHING);

        hub.publish(event(Channel.MONITOR, "deployment.updated", "demo", "demo-deployed"));
        hub.publish(event(Channel.MONITOR, "io.vigil.deployment.updated", "other", "other-deployed"));
        hub.publish(event(Channel.MONITOR, "step.updated", "demo", "demo-step"));
        hub.publish(event(Channel.MONITOR, "alert.fired", null, "alert"));

        assertThat(demoOnly.sent()).as("events naming no project pass a project filter")
                .containsExactly("demo-deployed", "demo-step", "alert");
        assertThat(deploymentsOnly.sent()).as("a CloudEvents type in a filter matches the short type")
                .containsExactly("demo-deployed", "other-deployed");
        assertThat(everything.sent()).containsExactly("demo-deployed", "other-deployed", "demo-step", "alert");
    }

    @Test
    void aClientOnSeveralChannelsOfOnePublicationGetsItOnce() {
        FakeSink both = FakeSink.immediate();
        FakeSink runOnly = FakeSink.immediate();
        Connection connection = hub.connect(both);
        connection.subscribe(Channel.MONITOR, Filter.EVERYTHING);
        connection.subscribe(Channel.run("7"), Filter.EVERYTHING);
        hub.connect(runOnly).subscribe(Channel.run("7"), Filter.EVERYTHING);

        int taken = hub.publish(Publication.to(Channel.MONITOR, Channel.run("7")).seq(1).encodedBy(() -> "run-started"));

        assertThat(taken).isEqualTo(2);
        assertThat(both.sent()).containsExactly("run-started");
        assertThat(runOnly.sent()).containsExactly("run-started");
    }

    @Test
    void aPublicationIsWrittenOnceForAThousandClients() {
        List<FakeSink> sinks = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            FakeSink sink = FakeSink.immediate();
            sinks.add(sink);
            hub.connect(sink).subscribe(Channel.MONITOR, Filter.EVERYTHING);
        }
        AtomicInteger writes = new AtomicInteger();
        Supplier<String> encoder = () -> "event-" + writes.incrementAndGet();

        assertThat(hub.publish(Publication.to(Channel.MONITOR).encodedBy(encoder))).isEqualTo(1_000);

        assertThat(writes).hasValue(1);
        String first = sinks.get(0).sent().get(0);
        assertThat(sinks).allSatisfy(sink -> assertThat(sink.sent()).singleElement().isSameAs(first));
    }

    @Test
    void aPublicationNobodyWantsIsNeverWritten() {
        AtomicInteger writes = new AtomicInteger();
        Supplier<String> encoder = () -> "event-" + writes.incrementAndGet();
        assertThat(hub.publish(Publication.to(Channel.MONITOR).type("run.updated").encodedBy(encoder))).isZero();

        hub.connect(FakeSink.immediate()).subscribe(Channel.run("other"), Filter.EVERYTHING);
        hub.connect(FakeSink.immediate()).subscribe(Channel.MONITOR, new Filter(Set.of(), Set.of("alert.fired")));
        assertThat(hub.publish(Publication.to(Channel.MONITOR, Channel.run("1")).type("run.updated").encodedBy(encoder)))
                .isZero();

        assertThat(writes).hasValue(0);
    }

    @Test
    void aRunChannelRefusesClientsBeyondItsLimit() {
        Hub small = new Hub(new FanOutLimits(1_000, 1 << 20, 3));
        List<Connection> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection connection = small.connect(FakeSink.immediate());
            assertThat(connection.subscribe(Channel.run("r"), Filter.EVERYTHING).accepted()).isTrue();
            admitted.add(connection);
        }

        Connection fourth = small.connect(FakeSink.immediate());
        Admission refused = fourth.resume(Channel.run("r"), 0);

        assertThat(refused).isEqualTo(new Admission.Refused(Channel.run("r"),
                "run:r already has 3 clients, the most one run channel serves"));
        assertThat(fourth.subscribe(Channel.logs("r"), Filter.EVERYTHING).accepted()).as("another channel").isTrue();
        assertThat(admitted.get(0).subscribe(Channel.run("r"), new Filter(Set.of("p"), Set.of())).accepted())
                .as("a client already in the full channel may change its filter").isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(small.connect(FakeSink.immediate()).subscribe(Channel.MONITOR, Filter.EVERYTHING).accepted())
                    .as("monitor has no client limit").isTrue();
        }

        admitted.get(0).closed();
        assertThat(fourth.subscribe(Channel.run("r"), Filter.EVERYTHING).accepted()).as("room again").isTrue();
        assertThat(small.stats().refusedSubscriptions()).isEqualTo(1);
    }

    @Test
    void aClientThatLeftGetsNothingMoreAndAnEmptyChannelIsDropped() {
        FakeSink leaving = FakeSink.immediate();
        FakeSink closing = FakeSink.immediate();
        Connection left = hub.connect(leaving);
        Connection closed = hub.connect(closing);
        left.subscribe(Channel.run("1"), Filter.EVERYTHING);
        closed.subscribe(Channel.run("1"), Filter.EVERYTHING);
        closed.subscribe(Channel.MONITOR, Filter.EVERYTHING);
        hub.publish(message(Channel.run("1"), 1));

        assertThat(left.unsubscribe(Channel.run("1"))).isTrue();
        assertThat(left.unsubscribe(Channel.run("1"))).isFalse();
        closed.closed();
        hub.publish(message(Channel.run("1"), 2));
        hub.publish(message(Channel.MONITOR, 3));

        assertThat(leaving.sent()).containsExactly(text(1));
        assertThat(closing.sent()).containsExactly(text(1));
        assertThat(hub.clients(Channel.run("1"))).isZero();
        assertThat(hub.clients(Channel.MONITOR)).isZero();
        assertThat(closing.closed()).as("a transport that closed itself is not closed again").isFalse();
        assertThat(closed.subscribe(Channel.MONITOR, Filter.EVERYTHING))
                .isEqualTo(new Admission.Refused(Channel.MONITOR, "the connection is closed"));
    }

    @Test
    void aClientThatLeavesWhileAPublishIsUnderWayGetsNothingOfIt() {
        FakeSink stays = FakeSink.immediate();
        FakeSink leaves = FakeSink.immediate();
        hub.connect(stays).subscribe(Channel.run("1"), Filter.EVERYTHING);
        Connection leaving = hub.connect(leaves);
        leaving.subscribe(Channel.run("1"), Filter.EVERYTHING);

        // the text is written between reading the channel's clients and queueing for them
        hub.publish(Publication.to(Channel.run("1")).encodedBy(() -> {
            leaving.unsubscribe(Channel.run("1"));
            return "after-leaving";
        }));

        assertThat(stays.sent()).containsExactly("after-leaving");
        assertThat(leaves.sent()).isEmpty();
    }

    @Test
    void subscribingAgainChangesTheFilterWithoutDoubling() {
        FakeSink sink = FakeSink.immediate();
        Connection connection = hub.connect(sink);
        connection.subscribe(Channel.MONITOR, Filter.EVERYTHING);
        connection.subscribe(Channel.MONITOR, new Filter(Set.of("demo"), Set.of()));

        hub.publish(event(Channel.MONITOR, "deployment.updated", "demo", "demo"));
        hub.publish(event(Channel.MONITOR, "deployment.updated", "other", "other"));

        assertThat(sink.sent()).containsExactly("demo");
        assertThat(hub.clients(Channel.MONITOR)).isEqualTo(1);
        assertThat(hub.stats().subscriptions()).containsEntry(ChannelKind.MONITOR, 1);
    }

    @Test
    void theFirstMessageOfASubscriptionGoesBeforeAnyLiveMessage() {
        FakeSink sink = FakeSink.immediate();
        Connection connection = hub.connect(sink);

        connection.subscribe(Channel.MONITOR, Filter.EVERYTHING, () -> {
            // an event arrives while the snapshot is being written
            hub.publish(event(Channel.MONITOR, "deployment.updated", "demo", "live"));
            return "snapshot";
        });
        hub.publish(event(Channel.MONITOR, "deployment.updated", "demo", "later"));

        assertThat(sink.sent()).containsExactly("snapshot", "live", "later");
    }

    @Test
    void aFirstMessageThatCannotBeWrittenLeavesNoSubscription() {
        Connection connection = hub.connect(FakeSink.immediate());

        assertThatThrownBy(() -> connection.subscribe(Channel.ALERTS, Filter.EVERYTHING, () -> {
            throw new IllegalStateException("no alerts table");
        })).hasMessage("no alerts table");

        assertThat(hub.clients(Channel.ALERTS)).isZero();
        assertThat(connection.pendingMessages()).isZero();
    }

    @Test
    void statsCountClientsPerChannelKindAndSentMessages() {
        Connection one = hub.connect(FakeSink.immediate());
        one.subscribe(Channel.MONITOR, Filter.EVERYTHING);
        one.subscribe(Channel.run("1"), Filter.EVERYTHING);
        hub.connect(FakeSink.immediate()).subscribe(Channel.logs("t"), Filter.EVERYTHING);
        hub.connect(FakeSink.immediate()).subscribe(Channel.logs("u"), Filter.EVERYTHING);

        hub.publish(message(Channel.MONITOR, 1));
        hub.publish(message(Channel.logs("t"), 1));
        one.send("pong");

        FanOutStats stats = hub.stats();
        assertThat(stats.connections()).isEqualTo(3);
        assertThat(stats.subscriptions()).containsEntry(ChannelKind.MONITOR, 1).containsEntry(ChannelKind.RUN, 1)
                .containsEntry(ChannelKind.LOGS, 2).containsEntry(ChannelKind.METRICS, 0);
        assertThat(stats.published()).isEqualTo(2);
        assertThat(stats.sent()).isEqualTo(3);
        assertThat(stats.queuedMessages()).isZero();
    }
}
