package io.vigil.ingest.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.vigil.events.Status;
import io.vigil.ingest.domain.DeploymentRecorder.Receipt;

/**
 * The webhook deliveries already handled and the answer each got, keyed by sender and delivery id. A batch's
 * keys are claimed, answered or released with one statement each, in the caller's transaction.
 */
@ApplicationScoped
class DeliveryLedger {

    private final EntityManager entityManager;

    DeliveryLedger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Takes the keys for this transaction; answers those it got. A key an earlier delivery holds is not
     * returned (one an uncommitted transaction holds waits for that transaction's outcome).
     */
    Set<String> claim(Collection<String> keys, Instant now) {
        return work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO webhook_delivery (id, received_at) SELECT unnest(?::text[]), ?::timestamptz
                    ON CONFLICT (id) DO NOTHING RETURNING id""")) {
                statement.setArray(1, connection.createArrayOf("text", keys.toArray(String[]::new)));
                statement.setString(2, now.toString());
                Set<String> claimed = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getString(1));
                    }
                }
                return claimed;
            }
        });
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

    /** Stores the answer each claimed key got, for its redeliveries. */
    void answer(Map<String, Receipt> receipts) {
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
        work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    UPDATE webhook_delivery w SET deployment_id = a.deployment_id::uuid, project = a.project, status = a.status
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS a(id, deployment_id, project, status)
                    WHERE w.id = a.id""")) {
                statement.setArray(1, connection.createArrayOf("text", ids));
                statement.setArray(2, connection.createArrayOf("text", deployments));
                statement.setArray(3, connection.createArrayOf("text", projects));
                statement.setArray(4, connection.createArrayOf("text", statuses));
                return statement.executeUpdate();
            }
        });
    }

    /** Gives claimed keys back: their reports were rejected, so a corrected redelivery must be handled anew. */
    void release(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM webhook_delivery WHERE id = ANY (?::text[])")) {
                statement.setArray(1, connection.createArrayOf("text", keys.toArray(String[]::new)));
                return statement.executeUpdate();
            }
        });
    }

    private <T> T work(Sql<T> sql) {
        return entityManager.unwrap(Session.class).doReturningWork(sql::run);
    }

    @FunctionalInterface
    private interface Sql<T> {
        T run(Connection connection) throws SQLException;
    }
}
