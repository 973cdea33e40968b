package io.vigil.monitor.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class HubConcurrencyTest {

    static final int PUBLISHERS = 4;
    static final int PER_PUBLISHER = 5_000;
    static final int STEADY = 50;

    @Test
    void steadyClientsGetEveryMessageOnceInEachPublishersOrderWhileOthersComeAndGo() throws Exception {
        Hub hub = new Hub(new FanOutLimits(1_000_000, 1L << 32, 1_000));
        ExecutorService io = Executors.newFixedThreadPool(4);
        ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS + 2);
        List<FakeSink> steady = new ArrayList<>();
        for (int i = 0; i < STEADY; i++) {
            FakeSink sink = FakeSink.async(io);
            steady.add(sink);
            Connection connection = hub.connect(sink);
            connection.subscribe(Channel.MONITOR, Filter.EVERYTHING);
            connection.subscribe(Channel.run("shared"), Filter.EVERYTHING);
        }
        AtomicBoolean publishing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<FakeSink> transients = new ArrayList<>();

        List<Future<?>> churn = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            churn.add(threads.submit(() -> {
                start.await();
                List<FakeSink> mine = new ArrayList<>();
                while (publishing.get()) {
                    FakeSink sink = FakeSink.async(io);
                    mine.add(sink);
                    Connection connection = hub.connect(sink);
                    connection.subscribe(Channel.MONITOR, Filter.EVERYTHING);
                    connection.subscribe(Channel.run("shared"), Filter.EVERYTHING);
                    Thread.yield();
                    connection.unsubscribe(Channel.run("shared"));
                    connection.closed();
                }
                synchronized (transients) {
                    transients.addAll(mine);
                }
                return null;
            }));
        }
        List<Future<?>> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            publishers.add(threads.submit(() -> {
                start.await();
                for (int n = 1; n <= PER_PUBLISHER; n++) {
                    String text = publisher + ":" + n;
                    hub.publish(Publication.to(Channel.MONITOR, Channel.run("shared")).encodedBy(() -> text));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> publisher : publishers) {
            publisher.get(30, TimeUnit.SECONDS);
        }
        publishing.set(false);
        for (Future<?> c : churn) {
            c.get(30, TimeUnit.SECONDS);
        }

        int total = PUBLISHERS * PER_PUBLISHER;
        Awaitility.await().atMost(30, TimeUnit.SECONDS)
                .until(() -> steady.stream().allMatch(sink -> sink.sentCount() >= total));
        threads.shutdown();
        io.shutdown();
        assertThat(io.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        for (FakeSink sink : steady) {
            assertThat(sink.sentCount()).isEqualTo(total);
            assertThat(sink.mostInFlight()).isEqualTo(1);
            assertInPublisherOrderOnce(sink.sent());
        }
        assertThat(transients).isNotEmpty().allSatisfy(sink -> assertInPublisherOrderOnce(sink.sent()));
        assertThat(hub.clients(Channel.MONITOR)).isEqualTo(STEADY);
        assertThat(hub.stats().subscriptions())
                .containsEntry(ChannelKind.MONITOR, STEADY).containsEntry(ChannelKind.RUN, STEADY);
        assertThat(hub.stats().connections()).isEqualTo(STEADY);
        assertThat(hub.stats().laggingDisconnects()).isZero();
    }

    /** Each publisher's messages arrive in the order it published them, none twice; gaps only for transient clients. */
    static void assertInPublisherOrderOnce(List<String> texts) {
        Map<String, Integer> last = new HashMap<>();
        for (String text : texts) {
            String[] parts = text.split(":");
            int n = Integer.parseInt(parts[1]);
            Integer before = last.put(parts[0], n);
            assertThat(n).as("after %s:%s", parts[0], before).isGreaterThan(before == null ? 0 : before);
        }
    }
}
