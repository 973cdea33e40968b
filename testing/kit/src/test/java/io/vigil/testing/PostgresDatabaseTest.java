package io.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {

    @Test
    void createsAUsableDatabaseAndDropsItAfter() throws SQLException {
        String name;
        try (PostgresDatabase db = PostgresDatabase.create("kit")) {
            name = db.name();
            assertThat(name).startsWith("vigil_test_kit_");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                c.createStatement().execute("CREATE TABLE t (x int)");
            }
            assertThat(exists(db, name)).isTrue();
        }
        try (PostgresDatabase other = PostgresDatabase.create("kit")) {
            assertThat(other.name()).isNotEqualTo(name);
            assertThat(exists(other, name)).isFalse();
        }
    }

    @Test
    void anUnreachableServerFailsWithOneLineSayingHowToStartOne() {
        assertThatThrownBy(() -> PostgresDatabase.create("kit", Map.of("PGHOST", "127.0.0.1", "PGPORT", "1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL is not reachable at 127.0.0.1:1")
                .hasMessageContaining("pg_ctlcluster --skip-systemctl-redirect 15 main start")
                .hasMessageContaining("PGHOST/PGPORT/PGUSER/PGPASSWORD");
    }

    @Test
    void aHostilePrefixIsRefusedBeforeAnySqlIsSent() {
        assertThatThrownBy(() -> PostgresDatabase.create("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean exists(PostgresDatabase via, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(via.jdbcUrl(), via.user(), via.password());
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            return rs.next();
        }
    }
}
