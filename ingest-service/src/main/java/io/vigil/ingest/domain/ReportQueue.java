package io.vigil.ingest.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.ingest.config.IngestConfig;
import io.vigil.ingest.domain.DeploymentRecorder.Outcome;
import io.vigil.ingest.domain.DeploymentRecorder.Receipt;
import io.vigil.ingest.domain.DeploymentRecorder.Submission;

/**
 * Group commit. Reports wait in a lane, chosen by project so that a project's reports keep their order, and
 * each lane's writer stores whatever is waiting in one transaction: when webhooks come fast, one commit and one
 * take of the project's sequence serve many; when they come one at a time, none waits for another.
 */
@ApplicationScoped
public class ReportQueue {

    private static final Logger LOG = Logger.getLogger(ReportQueue.class);

    /** Stores a batch in one transaction, answering each submission's outcome in order. */
    @FunctionalInterface
    interface BatchWriter {
        List<Outcome> write(List<Submission> batch);
    }

    private final BatchWriter writer;
    private final int maxBatch;
    private final List<Lane> lanes;
    private final DistributionSummary batchSizes;

    @Inject
    ReportQueue(DeploymentRecorder recorder, IngestConfig config, MeterRegistry registry) {
        this(recorder::record, config.writer().lanes(), config.writer().queueCapacity(), config.writer().maxBatch(),
                registry);
    }

    ReportQueue(BatchWriter writer, int lanes, int capacity, int maxBatch, MeterRegistry registry) {
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.lanes = IntStream.range(0, lanes).mapToObj(i -> new Lane(i, capacity)).toList();
        this.batchSizes = DistributionSummary.builder("vigil.ingest.batch.size")
                .description("reports stored per transaction").publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("vigil.ingest.queue.depth", this, ReportQueue::depth)
                .description("reports waiting to be stored").register(registry);
    }

    /** Queues a report; the stage completes once it is committed, or fails with why it was not stored. */
    public CompletionStage<Receipt> submit(Submission submission) {
        return lanes.get(Math.floorMod(submission.report().project().hashCode(), lanes.size())).submit(submission);
    }

    /** Stores what is already queued, then stops; anything queued after that is answered unavailable. */
    @PreDestroy
    void close() {
        lanes.forEach(Lane::close);
    }

    private double depth() {
        return lanes.stream().mapToInt(l -> l.queue.size()).sum();
    }

    private void write(List<Pending> batch) {
        batchSizes.record(batch.size());
        List<Outcome> outcomes;
        try {
            outcomes = writer.write(batch.stream().map(Pending::submission).toList());
        } catch (RuntimeException e) {
            if (batch.size() > 1) {
                // one report may be what fails; alone, each of the others still gets stored
                LOG.warnf("storing a batch of %d reports failed (%s); storing them one at a time", batch.size(), e);
                batch.forEach(p -> write(List.of(p)));
            } else {
                LOG.errorf(e, "could not store the report of delivery %s", batch.get(0).submission().deliveryKey());
                batch.get(0).answer().completeExceptionally(
                        new Unavailable("the report could not be stored; try again later", 5));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.refusal() != null) {
                batch.get(i).answer().completeExceptionally(outcome.refusal());
            } else {
                batch.get(i).answer().complete(outcome.receipt());
            }
        }
    }

    private record Pending(Submission submission, CompletableFuture<Receipt> answer) {
    }

    /** One writer thread and the reports waiting for it. */
    private final class Lane implements Runnable {

        final BlockingQueue<Pending> queue;
        final Thread thread;
        volatile boolean open = true;

        Lane(int number, int capacity) {
            queue = new ArrayBlockingQueue<>(capacity);
            thread = new Thread(this, "vigil-report-writer-" + number);
            thread.setDaemon(true);
            thread.start();
        }

        CompletionStage<Receipt> submit(Submission submission) {
            Pending pending = new Pending(submission, new CompletableFuture<>());
            if (!open) {
                throw new Unavailable("ingest-service is shutting down; try again later", 5);
            }
            if (!queue.offer(pending)) {
                throw new Unavailable("too many reports are waiting to be stored; try again shortly", 1);
            }
            return pending.answer();
        }

        @Override
        public void run() {
            List<Pending> batch = new ArrayList<>(maxBatch);
            while (open || !queue.isEmpty()) {
                try {
                    Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    write(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.errorf(e, "writer %s failed on a batch of %d reports", thread.getName(), batch.size());
                    batch.forEach(p -> p.answer().completeExceptionally(e));
                }
                batch.clear();
            }
        }

        void close() {
            open = false;
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Pending left;
            while ((left = queue.poll()) != null) {
                left.answer().completeExceptionally(new Unavailable("ingest-service is shutting down; try again later", 5));
            }
        }
    }

    /** The report cannot be taken or stored now; answered 503 with Retry-After. */
    public static class Unavailable extends RuntimeException {
        private final int retryAfterSeconds;

        Unavailable(String message, int retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
