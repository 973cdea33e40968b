package io.vigil.monitor.workflows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code workflow} table: the latest state of each deployment, run and task the log has seen. An event older
 * than the stored state changes nothing, so replicas and late deliveries agree.
 */
@ApplicationScoped
public class WorkflowStore {

    private static final String UPSERT = """
            INSERT INTO workflow (type, id, project, name, status, started_at, finished_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (type, id) DO UPDATE SET
                project = COALESCE(EXCLUDED.project, workflow.project),
                name = COALESCE(EXCLUDED.name, workflow.name),
                status = EXCLUDED.status,
                started_at = LEAST(EXCLUDED.started_at, workflow.started_at),
                finished_at = EXCLUDED.finished_at,
                updated_at = EXCLUDED.updated_at
            WHERE EXCLUDED.updated_at >= workflow.updated_at""";
    private static final String COLUMNS = "SELECT type, id, project, name, status, started_at, finished_at, updated_at"
            + " FROM workflow WHERE true";
    /** Orders workflows of the same start time; the cursor's key. */
    private static final String KEY = "type || ':' || id";

    private final DataSource database;

    WorkflowStore(DataSource database) {
        this.database = database;
    }

    /** Records the states in {@code connection}'s transaction, one statement each (a batch may hold one twice). */
    void upsert(Connection connection, List<WorkflowState> states) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (WorkflowState s : states) {
                upsert.setString(1, s.type().wire());
                upsert.setString(2, s.id());
                upsert.setString(3, s.project());
                upsert.setString(4, s.name());
                upsert.setString(5, s.status());
                upsert.setTimestamp(6, Timestamp.from(s.startedAt()));
                upsert.setTimestamp(7, s.finishedAt() == null ? null : Timestamp.from(s.finishedAt()));
                upsert.setTimestamp(8, Timestamp.from(s.updatedAt()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Workflows newest first (by start), optionally of one type and one project. */
    public WorkflowPage page(WorkflowType type, String project, Cursor after, int limit) {
        SqlQuery sql = new SqlQuery(COLUMNS);
        sql.and("type = ?", type == null ? null : type.wire());
        sql.and("project = ?", project);
        if (after != null) {
            sql.and("(started_at, " + KEY + ") < (?, ?)", Timestamp.from(after.time()), after.key());
        }
        sql.append(" ORDER BY started_at DESC, " + KEY + " DESC LIMIT ?", limit + 1);
        List<WorkflowState> items = sql.query(database, WorkflowStore::state);
        if (items.size() <= limit) {
            return new WorkflowPage(items, null);
        }
        WorkflowState last = items.get(limit - 1);
        return new WorkflowPage(items.subList(0, limit),
                new Cursor(last.startedAt(), last.type().wire() + ":" + last.id()).encode());
    }

    public Optional<WorkflowState> find(WorkflowType type, String id) {
        SqlQuery sql = new SqlQuery(COLUMNS);
        sql.and("type = ?", type.wire());
        sql.and("id = ?", id);
        return sql.query(database, WorkflowStore::state).stream().findFirst();
    }

    /** How many workflows of {@code type} are in each status, most common first. */
    public Map<String, Long> countByStatus(WorkflowType type) {
        SqlQuery sql = new SqlQuery("SELECT status, count(*) FROM workflow WHERE true");
        sql.and("type = ?", type.wire());
        sql.append(" GROUP BY status ORDER BY count(*) DESC, status");
        Map<String, Long> counts = new LinkedHashMap<>();
        sql.query(database, row -> counts.put(row.getString(1), row.getLong(2)));
        return counts;
    }

    /** Deletes workflows not heard of since {@code before}; answers how many. */
    int deleteNotUpdatedSince(Instant before) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM workflow WHERE updated_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }

    private static WorkflowState state(ResultSet row) throws SQLException {
        Timestamp finished = row.getTimestamp(7);
        return new WorkflowState(WorkflowType.fromWire(row.getString(1)).orElseThrow(), row.getString(2),
                row.getString(3), row.getString(4), row.getString(5), row.getTimestamp(6).toInstant(),
                finished == null ? null : finished.toInstant(), row.getTimestamp(8).toInstant());
    }
}
