package io.vigil.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/** The four databases a test stack creates under its own prefix: listed, and dropped after the test. */
final class StackDatabases {

    private final String prefix;
    private final Postgres server = Postgres.fromEnvironment(System.getenv());

    private StackDatabases(String prefix) {
        this.prefix = prefix;
    }

    /** A fresh prefix {@code vigil_test_<kind>_<6 random chars>_}. */
    static StackDatabases fresh(String kind) {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder random = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            random.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return new StackDatabases("vigil_test_" + kind + "_" + random + "_");
    }

    String prefix() {
        return prefix;
    }

    /** The names of this prefix's databases that exist on the server. */
    List<String> existing() {
        List<String> names = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY 1")) {
            s.setString(1, prefix);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void dropAll() {
        for (String name : existing()) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop " + name, e);
            }
        }
    }

    private Connection connect() throws SQLException {
        return connect("postgres");
    }

    /** A connection to one of the stack's databases, to look at what a service stored. */
    Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        return DriverManager.getConnection(server.jdbcUrl(database), props);
    }
}
