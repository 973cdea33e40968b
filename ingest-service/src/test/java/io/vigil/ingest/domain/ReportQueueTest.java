package io.vigil.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.events.Status;
import io.vigil.ingest.domain.DeploymentRecorder.Outcome;
import io.vigil.ingest.domain.DeploymentRecorder.Receipt;
import io.vigil.ingest.domain.DeploymentRecorder.Submission;

/** Group commit without a database: how reports are batched, ordered, isolated and turned away. */
class ReportQueueTest {

    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private ReportQueue queue;

    @AfterEach
    void close() {
        if (queue != null) {
            queue.close();
        }
    }

    static Submission submission(String project, String key) {
        return new Submission(new DeploymentReport(project, null, null, "c", Status.RUNNING, null, null, null, null,
                null, key, Instant.now(), List.of()), key);
    }

    /** Stores every batch it is given, answering each report with a receipt naming its key. */
    private List<Outcome> store(List<Submission> batch) {
        batches.add(batch.stream().map(Submission::deliveryKey).toList());
        return batch.stream().map(s -> Outcome.stored(new Receipt(UUID.randomUUID(), s.report().message(),
                Status.RUNNING, false))).toList();
    }

    /** A writer that, for each batch, signals {@code started}, waits for {@code release}, then stores it. */
    private ReportQueue.BatchWriter heldUntil(CountDownLatch started, CountDownLatch release) {
        return batch -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return store(batch);
        };
    }

    private static Receipt await(CompletionStage<Receipt> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void reportsThatArriveWhileABatchIsWrittenGoTogetherInTheNext() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue = new ReportQueue(heldUntil(firstStarted, release), 1, 1000, 100, new SimpleMeterRegistry());

        CompletionStage<Receipt> first = queue.submit(submission("p", "k0"));
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletionStage<Receipt>> waiting = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            waiting.add(queue.submit(submission("p", "k" + i)));
        }
        release.countDown();

        assertThat(await(first).project()).isEqualTo("k0");
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(await(waiting.get(i)).project()).isEqualTo("k" + (i + 1));
        }
        assertThat(batches).extracting(List::size).containsExactly(1, 100, 100, 50);
    }

    @Test
    void aProjectsReportsAreStoredInTheOrderTheyCameWhateverTheLanes() throws Exception {
        queue = new ReportQueue(this::store, 4, 1000, 7, new SimpleMeterRegistry());
        List<CompletionStage<Receipt>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(queue.submit(submission("project-" + (i % 5), (i % 5) + ":" + i)));
        }
        for (CompletionStage<Receipt> stage : all) {
            await(stage);
        }
        for (int p = 0; p < 5; p++) {
            String prefix = p + ":";
            List<Integer> order = new ArrayList<>();
            synchronized (batches) {
                batches.forEach(b -> b.stream().filter(k -> k.startsWith(prefix))
                        .forEach(k -> order.add(Integer.parseInt(k.substring(prefix.length())))));
            }
            assertThat(order).hasSize(40).isSorted();
        }
    }

    @Test
    void aBatchThatFailsIsStoredOneByOneSoOnlyTheBadReportFails() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        ReportQueue.BatchWriter held = heldUntil(new CountDownLatch(1), hold);
        queue = new ReportQueue(batch -> {
            if (batch.stream().anyMatch(s -> s.deliveryKey().equals("poison"))) {
                throw new IllegalStateException("constraint violated");
            }
            return held.write(batch);
        }, 1, 100, 100, new SimpleMeterRegistry());

        List<CompletionStage<Receipt>> stages = new ArrayList<>();
        for (String key : List.of("a", "b", "poison", "c", "d")) {
            stages.add(queue.submit(submission("p", key)));
        }
        hold.countDown();

        assertThat(await(stages.get(0)).project()).isEqualTo("a");
        assertThat(await(stages.get(4)).project()).isEqualTo("d");
        assertThatThrownBy(() -> await(stages.get(2))).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ReportQueue.Unavailable.class).hasMessageContaining("could not be stored");
        assertThat(batches.stream().flatMap(List::stream)).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void aRefusedReportFailsWithItsReasonAndTheOthersAreStored() throws Exception {
        queue = new ReportQueue(batch -> batch.stream().map(s -> s.deliveryKey().equals("bad")
                ? Outcome.refused(new ReportRejected("rollback_of", "no such deployment"))
                : Outcome.stored(new Receipt(UUID.randomUUID(), "p", Status.SUCCESS, false))).toList(),
                1, 100, 100, new SimpleMeterRegistry());

        CompletionStage<Receipt> bad = queue.submit(submission("p", "bad"));
        CompletionStage<Receipt> good = queue.submit(submission("p", "good"));

        assertThat(await(good).status()).isEqualTo(Status.SUCCESS);
        assertThatThrownBy(() -> await(bad)).cause().isInstanceOf(ReportRejected.class)
                .extracting(e -> ((ReportRejected) e).field()).isEqualTo("rollback_of");
    }

    @Test
    void aFullLaneTurnsReportsAwayWithRetryAfterInsteadOfQueueingWithoutBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        queue = new ReportQueue(heldUntil(writing, release), 1, 3, 100, new SimpleMeterRegistry());

        CompletionStage<Receipt> inWriter = queue.submit(submission("p", "w"));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletionStage<Receipt>> queued = List.of(queue.submit(submission("p", "q1")),
                queue.submit(submission("p", "q2")), queue.submit(submission("p", "q3")));

        assertThatThrownBy(() -> queue.submit(submission("p", "over"))).isInstanceOf(ReportQueue.Unavailable.class)
                .extracting(e -> ((ReportQueue.Unavailable) e).retryAfterSeconds()).isEqualTo(1);

        release.countDown();
        await(inWriter);
        for (CompletionStage<Receipt> stage : queued) {
            await(stage);
        }
    }

    @Test
    void closingStoresWhatIsQueuedThenTurnsNewReportsAway() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        queue = new ReportQueue(heldUntil(new CountDownLatch(1), release), 1, 100, 100, new SimpleMeterRegistry());
        List<CompletionStage<Receipt>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(queue.submit(submission("p", "k" + i)));
        }

        Thread closing = new Thread(queue::close, "closing");
        closing.start();
        // close() has stopped taking reports and waits for the writer, which is still held
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> closing.getState() == Thread.State.TIMED_WAITING);
        release.countDown();
        closing.join(Duration.ofSeconds(10).toMillis());
        assertThat(closing.isAlive()).isFalse();

        for (CompletionStage<Receipt> stage : queued) {
            assertThat(await(stage)).isNotNull();
        }
        assertThatThrownBy(() -> queue.submit(submission("p", "late"))).isInstanceOf(ReportQueue.Unavailable.class)
                .hasMessageContaining("shutting down");
    }
}
