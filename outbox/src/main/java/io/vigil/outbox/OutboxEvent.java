package io.vigil.outbox;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;

import org.hibernate.jpa.SpecHints;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.events.EventCodec;
import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.VigilEvent;

/** An event written in the transaction of the change it describes, waiting to be confirmed sent. */
@Entity
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;
    public String type;
    public String subject;
    public long seq;
    public Instant time;
    public String payload;
    public Instant createdAt;
    public Instant sentAt;

    /** The row of {@code event}, written at {@code now}. */
    public static OutboxEvent of(VigilEvent<?> event, Instant now) {
        OutboxEvent row = new OutboxEvent();
        row.id = event.id();
        row.type = event.type().ceType();
        row.subject = event.subject();
        row.seq = event.seq();
        row.time = event.time();
        row.payload = EventCodec.encode(event.data());
        row.createdAt = now;
        return row;
    }

    /** The event this row holds, as it was published. */
    public VigilEvent<?> toEvent() {
        return KafkaCloudEvents.fromAttributes(id.toString(), type, subject, time.atZone(ZoneOffset.UTC),
                Long.toString(seq), payload).orElseThrow(
                        () -> new IllegalStateException("outbox row " + id + " has unknown type " + type));
    }

    /** Unsent rows older than {@code before}, oldest first, locked so that replicas sweep different rows. */
    static List<OutboxEvent> unsent(Instant before, int limit) {
        return find("sentAt is null and createdAt < ?1 order by createdAt, seq", before)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(SpecHints.HINT_SPEC_LOCK_TIMEOUT, -2) // SKIP LOCKED
                .page(0, limit).list();
    }

    /** A subject's events after {@code afterSeq}, in order, at most {@code limit}: its history, for replay. */
    public static List<OutboxEvent> history(String subject, long afterSeq, int limit) {
        return find("subject = ?1 and seq > ?2 order by seq", subject, afterSeq).page(0, limit).list();
    }

    /** The subject's newest seq; 0 before its first event. */
    public static long lastSeq(String subject) {
        return ((Number) getEntityManager().createNativeQuery(
                "SELECT coalesce(max(last_seq), 0) FROM event_sequence WHERE subject = ?1")
                .setParameter(1, subject).getSingleResult()).longValue();
    }

    static long countUnsent() {
        return count("sentAt is null");
    }

    static int markSent(List<UUID> ids, Instant at) {
        return BatchSql.run(getEntityManager(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE outbox_event SET sent_at = ?::timestamptz WHERE id = ANY (?::uuid[]) AND sent_at IS NULL")) {
                statement.setString(1, at.toString());
                statement.setArray(2, BatchSql.texts(connection, ids));
                return statement.executeUpdate();
            }
        });
    }
}
