package io.vigil.monitor.workflows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** A query built from optional filters: each absent (null) one adds nothing. */
final class SqlQuery {

    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final StringBuilder text;
    private final List<Object> values = new ArrayList<>();

    SqlQuery(String select) {
        this.text = new StringBuilder(select);
    }

    /** Adds {@code condition} with its values, unless the first value is null. */
    void and(String condition, Object... conditionValues) {
        if (conditionValues[0] != null) {
            text.append(" AND ").append(condition);
            values.addAll(List.of(conditionValues));
        }
    }

    void append(String clause, Object... clauseValues) {
        text.append(clause);
        values.addAll(List.of(clauseValues));
    }

    <T> List<T> query(DataSource database, Row<T> reader) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(text.toString())) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("the event log could not be read: " + e.getMessage(), e);
        }
    }
}
