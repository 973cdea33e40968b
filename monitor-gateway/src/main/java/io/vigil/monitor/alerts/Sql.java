package io.vigil.monitor.alerts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.events.EventCodec;
import io.vigil.outbox.BatchSql;

/**
 * Plain SQL on the current transaction's connection (the one the outbox writes on), for the statements JPA has no
 * words for: {@code INSERT … ON CONFLICT DO NOTHING}, {@code UPDATE … RETURNING}, jsonb columns.
 */
final class Sql {

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static final ObjectMapper JSON = EventCodec.mapper();

    private Sql() {
    }

    /** The rows {@code sql} answers with {@code parameters} bound in order (Instants as UTC timestamps). */
    static <T> List<T> list(EntityManager entityManager, Row<T> reader, String sql, Object... parameters) {
        return BatchSql.run(entityManager, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    // PostgreSQL keeps microseconds, rounding: truncated here, a stored time is never later than given
                    Object value = parameters[i] instanceof Instant at
                            ? at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC) : parameters[i];
                    statement.setObject(i + 1, value);
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(reader.read(result));
                    }
                }
                return rows;
            }
        });
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    static <T> T fromJson(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON column does not read back: " + json, e);
        }
    }

    static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
}
