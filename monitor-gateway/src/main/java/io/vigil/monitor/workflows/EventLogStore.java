package io.vigil.monitor.workflows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The {@code event_log} table: stored once per event id, read newest first by keyset, deleted by age. */
@ApplicationScoped
public class EventLogStore {

    private static final String INSERT = """
            INSERT INTO event_log (id, type, subject, project, workflow_type, workflow_id, time, seq, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (id) DO NOTHING""";

    private final DataSource database;

    EventLogStore(DataSource database) {
        this.database = database;
    }

    /** Adds the events in {@code connection}'s transaction; one another replica stored already is left as it is. */
    void insert(Connection connection, List<LoggedEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (LoggedEvent e : events) {
                insert.setObject(1, e.id());
                insert.setString(2, e.type());
                insert.setString(3, e.subject());
                insert.setString(4, e.project());
                insert.setString(5, e.workflowType() == null ? null : e.workflowType().wire());
                insert.setString(6, e.workflowId());
                insert.setTimestamp(7, Timestamp.from(e.time()));
                insert.setLong(8, e.seq());
                insert.setString(9, e.data());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public EventPage page(EventQuery query) {
        SqlQuery sql = new SqlQuery("SELECT id, type, subject, project, seq, time, data::text FROM event_log WHERE true");
        sql.and("type = ?", query.type());
        sql.and("project = ?", query.project());
        sql.and("subject = ?", query.subject());
        sql.and("workflow_type = ?", query.workflowType() == null ? null : query.workflowType().wire());
        sql.and("workflow_id = ?", query.workflowId());
        sql.and("time >= ?", query.since() == null ? null : Timestamp.from(query.since()));
        sql.and("time < ?", query.until() == null ? null : Timestamp.from(query.until()));
        if (query.after() != null) {
            sql.and("(time, id) < (?, ?)", Timestamp.from(query.after().time()), uuid(query.after().key()));
        }
        sql.append(" ORDER BY time DESC, id DESC LIMIT ?", query.limit() + 1);
        List<EventPage.Item> items = sql.query(database, row -> new EventPage.Item(row.getObject(1, UUID.class),
                row.getString(2), row.getString(3), row.getString(4), row.getLong(5),
                row.getTimestamp(6).toInstant(), row.getString(7)));
        if (items.size() <= query.limit()) {
            return new EventPage(items, null);
        }
        EventPage.Item last = items.get(query.limit() - 1);
        return new EventPage(items.subList(0, query.limit()), new Cursor(last.time(), last.id().toString()).encode());
    }

    /** Deletes events that happened before {@code before}; answers how many. */
    int deleteBefore(Instant before) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM event_log WHERE time < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }

    private static UUID uuid(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("cursor", "is not a cursor this service gave");
        }
    }
}
