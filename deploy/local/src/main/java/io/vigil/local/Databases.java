package io.vigil.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/** Creates the stack's databases on first start and leaves existing ones, and their data, alone. */
public final class Databases {

    private static final String DUPLICATE_DATABASE = "42P04";

    private final Postgres server;

    public Databases(Postgres server) {
        this.server = server;
    }

    /**
     * Creates those of {@code names} that do not exist yet and returns them.
     *
     * @throws Unreachable when the server cannot be reached or refuses the login
     */
    public List<String> createMissing(Collection<String> names) {
        List<String> created = new ArrayList<>();
        try (Connection c = connect()) {
            for (String name : names) {
                if (!exists(c, name)) {
                    create(c, name);
                    created.add(name);
                }
            }
            return created;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the databases on " + server.address() + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() {
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        props.setProperty("connectTimeout", "5");
        try {
            return DriverManager.getConnection(server.jdbcUrl("postgres"), props);
        } catch (SQLException e) {
            throw new Unreachable(server, e);
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void create(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** The server did not answer or refused the login; the message says how to fix it, on one line. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(Postgres server, SQLException cause) {
            super("PostgreSQL is not reachable at " + server.address() + " as " + server.user() + " ("
                    + firstLine(cause.getMessage()) + "). Start it with 'pg_ctlcluster --skip-systemctl-redirect 15 main start'"
                    + " or set PGHOST/PGPORT/PGUSER/PGPASSWORD.", cause);
        }

        private static String firstLine(String message) {
            return message == null ? "no answer" : message.lines().findFirst().orElse("no answer").trim();
        }
    }
}
