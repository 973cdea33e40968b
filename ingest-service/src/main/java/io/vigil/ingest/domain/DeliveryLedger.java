package io.vigil.ingest.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.vigil.events.Status;
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
        return work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT id, deployment_id, project, status FROM webhook_delivery WHERE id = ANY (?::text[])")) {
                statement.setArray(1, connection.createArrayOf("text", keys.toArray(String[]::new)));
                Map<String, Receipt> answers = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String status = rows.getString(4);
                        answers.put(rows.getString(1), new Receipt(rows.getObject(2, UUID.class), rows.getString(3),
                                status == null ? null : Status.valueOf(status), true));
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
        int n = receipts.size();
        String[] ids = new String[n], deployments = new String[n], projects = new String[n], statuses = new String[n];
        int i = 0;
        for (Map.Entry<String, Receipt> entry : receipts.entrySet()) {
            ids[i] = entry.getKey();
            deployments[i] = entry.getValue().deploymentId().toString();
            projects[i] = entry.getValue().project();
            statuses[i++] = entry.getValue().status().name();
        }
        int stored = work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO webhook_delivery (id, received_at, deployment_id, project, status)
                    SELECT id, ?::timestamptz, deployment_id::uuid, project, status
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS a(id, deployment_id, project, status)
                    ON CONFLICT (id) DO NOTHING""")) {
                statement.setString(1, now.toString());
                statement.setArray(2, connection.createArrayOf("text", ids));
                statement.setArray(3, connection.createArrayOf("text", deployments));
                statement.setArray(4, connection.createArrayOf("text", projects));
                statement.setArray(5, connection.createArrayOf("text", statuses));
                return statement.executeUpdate();
            }
        });
        if (stored < n) {
            throw new IllegalStateException((n - stored) + " of " + n + " deliveries were stored meanwhile by another writer");
        }
    }

    private <T> T work(Sql<T> sql) {
        return entityManager.unwrap(Session.class).doReturningWork(sql::run);
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run(Connection connection) throws SQLException;
    }
}
