package io.vigil.ingest.messaging;

import java.sql.Array;
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

import org.hibernate.Session;

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
        List<VigilEvent<?>> events = entityManager.unwrap(Session.class)
                .doReturningWork(connection -> write(connection, drafts));
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
            statement.setArray(1, connection.createArrayOf("text", counts.keySet().toArray(String[]::new)));
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
        int n = events.size();
        String[] ids = new String[n], types = new String[n], subjects = new String[n], times = new String[n],
                payloads = new String[n];
        Long[] seqs = new Long[n];
        for (int i = 0; i < n; i++) {
            VigilEvent<?> e = events.get(i);
            ids[i] = e.id().toString();
            types[i] = e.type().ceType();
            subjects[i] = e.subject();
            seqs[i] = e.seq();
            times[i] = e.time().toString();
            payloads[i] = EventCodec.encode(e.data());
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO outbox_event (id, type, subject, seq, time, payload, created_at)
                SELECT id::uuid, type, subject, seq, time::timestamptz, payload, ?::timestamptz
                FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[])
                     AS r(id, type, subject, seq, time, payload)""")) {
            statement.setString(1, clock.instant().toString());
            Array[] columns = { connection.createArrayOf("text", ids), connection.createArrayOf("text", types),
                    connection.createArrayOf("text", subjects), connection.createArrayOf("bigint", seqs),
                    connection.createArrayOf("text", times), connection.createArrayOf("text", payloads) };
            for (int i = 0; i < columns.length; i++) {
                statement.setArray(i + 2, columns[i]);
            }
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
