package io.vigil.outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Marks events Kafka confirmed as sent, many at a time: one transaction a second (the scheduler's shortest
 * period) instead of one per commit, so confirming costs the webhooks' database almost nothing. An event whose mark is lost (crash)
 * is resent by the sweep; consumers dedupe by id.
 */
@ApplicationScoped
public class SentMarks {

    private static final Logger LOG = Logger.getLogger(SentMarks.class);
    private static final int BATCH = 1000;

    private final Queue<UUID> confirmed = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    SentMarks(Clock clock) {
        this.clock = clock;
    }

    /** Non-blocking: safe on the producer's callback thread. */
    void confirmed(UUID id) {
        confirmed.add(id);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        while (!confirmed.isEmpty()) {
            List<UUID> batch = new ArrayList<>();
            UUID id;
            while (batch.size() < BATCH && (id = confirmed.poll()) != null) {
                batch.add(id);
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> OutboxEvent.markSent(batch, clock.instant()));
            } catch (RuntimeException e) {
                LOG.warnf("could not mark %d events sent, the sweep will resend them: %s", batch.size(), e.getMessage());
                return;
            }
        }
    }
}
