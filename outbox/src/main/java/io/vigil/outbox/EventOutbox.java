package io.vigil.outbox;

import static io.vigil.outbox.BatchSql.texts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.vigil.events.EventCodec;
import io.vigil.events.VigilEvent;

/**
 * Writes events into the outbox in the caller's transaction and hands them to the relay, in the order they
 * were written, once that transaction has committed. Each subject's events are numbered 1, 2, 3 … without
 * gaps, in commit order: the numbers are taken under the subject's sequence row lock, as the transaction's
 * last writes, so that lock is held only for the commit.
 */
@ApplicationScoped
public class EventOutbox {

    /** An event to publish, before it has its number. */
    public record Draft(String subject, Instant time, Record payload) {
    }

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

    /** Numbers and stores one event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public VigilEvent<?> publish(String subject, Instant time, Record payload) {
        return publish(List.of(new Draft(subject, time, payload))).get(0);
    }

    /**
     * Numbers and stores the drafts, in their order, with one statement for the numbers and one for the rows
     * whatever their count. Pending entity changes are flushed first, so they do not run under the lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<VigilEvent<?>> publish(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        entityManager.flush();
        List<VigilEvent<?>> events = BatchSql.run(entityManager, connection -> write(connection, drafts));
        sendAfterCommit(events);
        return events;
    }

    private List<VigilEvent<?>> write(Connection connection, List<Draft> drafts) throws SQLException {
        Map<String, Long> nextSeq = reserve(connection, drafts);
        List<VigilEvent<?>> events = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            long seq = nextSeq.merge(draft.subject(), 1L, Long::sum) - 1;
            events.add(VigilEvent.of(draft.subject(), seq, draft.time(), draft.payload()));
        }
        insertRows(connection, events);
        return events;
    }

    /**
     * Advances each subject's sequence by its number of drafts, subjects in name order so that concurrent
     * writers lock them in the same order; answers each subject's first number.
     */
    private static Map<String, Long> reserve(Connection connection, List<Draft> drafts) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        drafts.forEach(d -> counts.merge(d.subject(), 1L, Long::sum));
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO event_sequence AS s (subject, last_seq)
                SELECT subject, n FROM unnest(?::text[], ?::bigint[]) AS r(subject, n) ORDER BY subject
                ON CONFLICT (subject) DO UPDATE SET last_seq = s.last_seq + excluded.last_seq
                RETURNING subject, last_seq""")) {
            statement.setArray(1, texts(connection, counts.keySet()));
            statement.setArray(2, connection.createArrayOf("bigint", counts.values().toArray(Long[]::new)));
            Map<String, Long> first = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String subject = rows.getString(1);
                    first.put(subject, rows.getLong(2) - counts.get(subject) + 1);
                }
            }
            return first;
        }
    }

    private void insertRows(Connection connection, List<VigilEvent<?>> events) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO outbox_event (id, type, subject, seq, time, payload, created_at)
                SELECT id::uuid, type, subject, seq::bigint, time::timestamptz, payload, ?::timestamptz
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     AS r(id, type, subject, seq, time, payload)""")) {
            statement.setString(1, clock.instant().toString());
            statement.setArray(2, texts(connection, events.stream().map(VigilEvent::id).toList()));
            statement.setArray(3, texts(connection, events.stream().map(e -> e.type().ceType()).toList()));
            statement.setArray(4, texts(connection, events.stream().map(VigilEvent::subject).toList()));
            statement.setArray(5, texts(connection, events.stream().map(VigilEvent::seq).toList()));
            statement.setArray(6, texts(connection, events.stream().map(VigilEvent::time).toList()));
            statement.setArray(7, texts(connection, events.stream().map(e -> EventCodec.encode(e.data())).toList()));
            statement.executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    private void sendAfterCommit(List<VigilEvent<?>> events) {
        List<VigilEvent<?>> pending = (List<VigilEvent<?>>) transactions.getResource(EventOutbox.class);
        if (pending != null) {
            pending.addAll(events);
            return;
        }
        List<VigilEvent<?>> committed = new ArrayList<>(events);
        transactions.putResource(EventOutbox.class, committed);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.send(committed);
                }
            }
        });
    }
}
