package io.vigil.ingest.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.vigil.events.VigilEvent;

/**
 * Writes events into the outbox in the caller's transaction and hands them to the relay, in the order
 * they were written, once that transaction has committed. The subject's next {@code seq} is taken under
 * a row lock, so each subject's events are numbered 1, 2, 3 … without gaps, in commit order.
 */
@ApplicationScoped
public class EventOutbox {

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final Clock clock;

    EventOutbox(EntityManager entityManager, TransactionSynchronizationRegistry transactions, OutboxRelay relay,
            Clock clock) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.relay = relay;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public VigilEvent<?> publish(String subject, Instant time, Record payload) {
        VigilEvent<?> event = VigilEvent.of(subject, nextSeq(subject), time, payload);
        OutboxEvent.of(event, clock.instant()).persist();
        pendingInThisTransaction().add(event);
        return event;
    }

    @SuppressWarnings("unchecked")
    private List<VigilEvent<?>> pendingInThisTransaction() {
        List<VigilEvent<?>> pending = (List<VigilEvent<?>>) transactions.getResource(EventOutbox.class);
        if (pending == null) {
            List<VigilEvent<?>> events = new ArrayList<>();
            transactions.putResource(EventOutbox.class, events);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.send(events);
                    }
                }
            });
            pending = events;
        }
        return pending;
    }

    private long nextSeq(String subject) {
        return ((Number) entityManager.createNativeQuery("""
                INSERT INTO event_sequence (subject, last_seq) VALUES (?1, 1)
                ON CONFLICT (subject) DO UPDATE SET last_seq = event_sequence.last_seq + 1
                RETURNING last_seq""").setParameter(1, subject).getSingleResult()).longValue();
    }
}
