package io.vigil.ingest.domain;

import static io.vigil.outbox.BatchSql.texts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.vigil.events.Status;
import io.vigil.outbox.BatchSql;
import io.vigil.ingest.domain.DeploymentRecorder.Receipt;

/**
 * The webhook deliveries already handled and the answer each got, keyed by sender and delivery id; a batch's
 * are looked up, and its new ones stored, with one statement each, in the caller's transaction.
 */
@ApplicationScoped
class DeliveryLedger {

    private final EntityManager entityManager;

    DeliveryLedger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The first answers of deliveries handled before, as redeliveries. */
    Map<String, Receipt> earlierAnswers(Collection<String> keys) {
        return BatchSql.run(entityManager, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, deployment_id, project, status FROM webhook_delivery WHERE id = ANY (?::text[])")) {
                statement.setArray(1, texts(connection, keys));
                Map<String, Receipt> answers = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        answers.put(rows.getString(1), new Receipt(rows.getObject(2, UUID.class), rows.getString(3),
                                Status.valueOf(rows.getString(4)), true));
                    }
                }
                return answers;
            }
        });
    }

    /**
     * Stores the answer each new delivery got, for its redeliveries. Should another writer have stored one of
     * them meanwhile (the same delivery, concurrently, to another lane or replica), fails, so that the caller's
     * transaction rolls back and the report is handled again, as the redelivery it now is.
     */
    void record(Map<String, Receipt> receipts, Instant now) {
        if (receipts.isEmpty()) {
            return;
        }
        Collection<Receipt> answers = receipts.values();
        int stored = BatchSql.run(entityManager, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO webhook_delivery (id, received_at, deployment_id, project, status)
                    SELECT id, ?::timestamptz, deployment_id::uuid, project, status
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS a(id, deployment_id, project, status)
                    ON CONFLICT (id) DO NOTHING""")) {
                statement.setString(1, now.toString());
                statement.setArray(2, texts(connection, receipts.keySet()));
                statement.setArray(3, texts(connection, answers.stream().map(Receipt::deploymentId).toList()));
                statement.setArray(4, texts(connection, answers.stream().map(Receipt::project).toList()));
                statement.setArray(5, texts(connection, answers.stream().map(r -> r.status().name()).toList()));
                return statement.executeUpdate();
            }
        });
        if (stored < receipts.size()) {
            throw new IllegalStateException((receipts.size() - stored) + " of " + receipts.size()
                    + " deliveries were stored meanwhile by another writer");
        }
    }
}
