package io.vigil.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Objects;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Plain JDBC on the current transaction's connection, for statements that take a whole batch as arrays: the
 * statement's text is the same whatever the batch's size, so PostgreSQL parses and plans it once, where an
 * IN list of n parameters is a new statement for every n.
 */
public final class BatchSql {

    private BatchSql() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public static <T> T run(EntityManager entityManager, Work<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work::run);
    }

    /** A {@code text[]} of the values' strings (nulls stay null): cast it in SQL to the column's type. */
    public static Array texts(Connection connection, Collection<?> values) throws SQLException {
        return connection.createArrayOf("text", values.stream().map(v -> Objects.toString(v, null)).toArray(String[]::new));
    }
}
