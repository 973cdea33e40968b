package io.vigil.monitor.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The {@code alert} table. A firing is inserted only when no alert with its fingerprint is open (a partial unique
 * index decides, so two replicas firing at once make one row) and a resolution updates only an open row: each
 * write says whether it changed anything, so only the replica that changed the row publishes the event.
 */
@ApplicationScoped
@Transactional
public class AlertStore {

    /** Which alerts a listing shows. */
    public enum State {
        OPEN("resolved_at IS NULL"), RESOLVED("resolved_at IS NOT NULL"), ALL("true");

        private final String where;

        State(String where) {
            this.where = where;
        }
    }

    /** One page of alerts, newest first, and how many there are in all. */
    public record Page(List<Alert> alerts, long total) {
    }

    private static final String COLUMNS = "id, rule, fingerprint, severity, summary, labels, silenced, fired_at, "
            + "resolved_at, resolved_by";

    private final EntityManager entityManager;

    AlertStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the firing unless its fingerprint is open already; answers the new row. */
    public Optional<Alert> insertIfNoneOpen(Verdict.Fire fire, boolean silenced) {
        String fingerprint = fire.key().fingerprint();
        return one("""
                INSERT INTO alert (id, rule, fingerprint, severity, summary, labels, silenced, fired_at)
                SELECT ?::text || '-' || (count(*) + 1), ?, ?, ?, ?, ?::jsonb, ?, ? FROM alert WHERE fingerprint = ?
                ON CONFLICT DO NOTHING
                RETURNING\s""" + COLUMNS, fingerprint, fire.key().rule(), fingerprint, fire.severity().wire(),
                fire.summary(), Sql.json(fire.labels()), silenced, fire.at(), fingerprint);
    }

    /** Resolves the open alert with this fingerprint, if there is one; answers it resolved. */
    public Optional<Alert> resolveOpen(String fingerprint, String resolvedBy, Instant at) {
        return one("UPDATE alert SET resolved_at = ?, resolved_by = ? WHERE fingerprint = ? AND resolved_at IS NULL"
                + " RETURNING " + COLUMNS, at, resolvedBy, fingerprint);
    }

    /** Resolves the alert with this id if it is open; answers it resolved. */
    public Optional<Alert> resolveById(String id, String resolvedBy, Instant at) {
        return one("UPDATE alert SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL"
                + " RETURNING " + COLUMNS, at, resolvedBy, id);
    }

    /** Marks an open silenced alert as no longer silenced; answers it when this call changed it. */
    public Optional<Alert> unsilence(String id) {
        return one("UPDATE alert SET silenced = false WHERE id = ? AND silenced AND resolved_at IS NULL RETURNING "
                + COLUMNS, id);
    }

    public Optional<Alert> find(String id) {
        return one("SELECT " + COLUMNS + " FROM alert WHERE id = ?", id);
    }

    /** Alerts in {@code state} (of {@code severity}, unless null), newest first, {@code size} a page. */
    public Page page(State state, Severity severity, int page, int size) {
        String where = " FROM alert WHERE " + state.where + " AND (?::text IS NULL OR severity = ?)";
        String wire = severity == null ? null : severity.wire();
        List<Alert> alerts = Sql.list(entityManager, AlertStore::alert, "SELECT " + COLUMNS + where
                + " ORDER BY fired_at DESC, id DESC LIMIT ? OFFSET ?", wire, wire, size, (long) page * size);
        long total = Sql.list(entityManager, row -> row.getLong(1), "SELECT count(*)" + where, wire, wire).get(0);
        return new Page(alerts, total);
    }

    /** The most recent alerts that were pushed (not silenced), newest first. */
    public List<Alert> recent(int limit) {
        return Sql.list(entityManager, AlertStore::alert,
                "SELECT " + COLUMNS + " FROM alert WHERE NOT silenced ORDER BY fired_at DESC, id DESC LIMIT ?", limit);
    }

    public List<Alert> openSilenced() {
        return Sql.list(entityManager, AlertStore::alert,
                "SELECT " + COLUMNS + " FROM alert WHERE silenced AND resolved_at IS NULL");
    }

    public Set<String> openFingerprints() {
        return new HashSet<>(Sql.list(entityManager, row -> row.getString(1),
                "SELECT fingerprint FROM alert WHERE resolved_at IS NULL"));
    }

    private Optional<Alert> one(String sql, Object... parameters) {
        return Sql.list(entityManager, AlertStore::alert, sql, parameters).stream().findFirst();
    }

    private static Alert alert(ResultSet row) throws SQLException {
        return new Alert(row.getString("id"), row.getString("rule"), row.getString("fingerprint"),
                Severity.fromWire(row.getString("severity")), row.getString("summary"),
                Sql.fromJson(row.getString("labels"), Sql.LABELS), row.getBoolean("silenced"),
                Sql.instant(row, "fired_at"), Sql.instant(row, "resolved_at"), row.getString("resolved_by"));
    }
}
