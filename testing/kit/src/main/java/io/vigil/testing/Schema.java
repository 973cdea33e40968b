package io.vigil.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** What Flyway applied to a service's database, for tests that prove the schema is migrated. */
public final class Schema {

    private Schema() {
    }

    /** The versions Flyway applied successfully, in order. */
    public static List<String> appliedVersions(DataSource dataSource) {
        return strings(dataSource, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank");
    }

    /** The tables of the public schema. */
    public static List<String> tables(DataSource dataSource) {
        return strings(dataSource, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    }

    public static String databaseName(DataSource dataSource) {
        return strings(dataSource, "SELECT current_database()").get(0);
    }

    private static List<String> strings(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
