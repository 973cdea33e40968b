package io.vigil.monitor.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The {@code silence} table. Scoped silences are started and ended by the events of their deployment or run; each
 * change is a conditional update, so replicas seeing the same event agree.
 */
@ApplicationScoped
@Transactional
public class SilenceStore {

    private static final TypeReference<List<Matcher>> MATCHERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, matchers, scope_kind, scope_id, active_from, ends_at, comment, "
            + "created_by, created_at";

    private final EntityManager entityManager;

    SilenceStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Silence create(Silence silence) {
        return one("INSERT INTO silence (" + COLUMNS + ") VALUES (?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                silence.id(), Sql.json(silence.matchers()), silence.scope() == null ? null : silence.scope().kind(),
                silence.scope() == null ? null : silence.scope().id(), silence.activeFrom(), silence.endsAt(),
                silence.comment(), silence.createdBy(), silence.createdAt()).orElseThrow();
    }

    /** Every silence not expired at {@code now} (or every one, with {@code all}), newest first. */
    public List<Silence> list(boolean all, Instant now) {
        return Sql.list(entityManager, SilenceStore::silence, "SELECT " + COLUMNS + " FROM silence WHERE ?"
                + " OR ends_at IS NULL OR ends_at > ? ORDER BY created_at DESC, id", all, now);
    }

    /** The silences active at {@code at}. */
    public List<Silence> active(Instant at) {
        return Sql.list(entityManager, SilenceStore::silence, "SELECT " + COLUMNS + " FROM silence"
                + " WHERE active_from <= ? AND (ends_at IS NULL OR ends_at > ?)", at, at);
    }

    public Optional<Silence> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM silence WHERE id = ?", id);
    }

    /** Ends the silence now (it stays listed as expired); empty when there is no such silence. */
    public Optional<Silence> expire(UUID id, Instant now) {
        return one("UPDATE silence SET ends_at = CASE WHEN ends_at IS NULL OR ends_at > ? THEN ? ELSE ends_at END,"
                + " active_from = coalesce(active_from, ?) WHERE id = ? RETURNING " + COLUMNS, now, now, now, id);
    }

    /** The deployment or run is running: its pending silences start. */
    public int start(Silence.Scope scope, Instant at) {
        return update("UPDATE silence SET active_from = ? WHERE scope_kind = ? AND scope_id = ?"
                + " AND active_from IS NULL RETURNING id", at, scope.kind(), scope.id());
    }

    /** The deployment or run ended: its silences end (one never seen started ends too, as expired). */
    public int end(Silence.Scope scope, Instant at) {
        return update("UPDATE silence SET active_from = coalesce(active_from, ?), ends_at = ? WHERE scope_kind = ?"
                + " AND scope_id = ? AND (ends_at IS NULL OR ends_at > ?) RETURNING id", at, at, scope.kind(),
                scope.id(), at);
    }

    private int update(String sql, Object... parameters) {
        return Sql.list(entityManager, row -> row.getString(1), sql, parameters).size();
    }

    private Optional<Silence> one(String sql, Object... parameters) {
        return Sql.list(entityManager, SilenceStore::silence, sql, parameters).stream().findFirst();
    }

    private static Silence silence(ResultSet row) throws SQLException {
        String kind = row.getString("scope_kind");
        return new Silence(row.getObject("id", UUID.class), Sql.fromJson(row.getString("matchers"), MATCHERS),
                kind == null ? null : new Silence.Scope(kind, row.getString("scope_id")),
                Sql.instant(row, "active_from"), Sql.instant(row, "ends_at"), row.getString("comment"),
                row.getString("created_by"), Sql.instant(row, "created_at"));
    }
}
