package io.vigil.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A throwaway database on the local PostgreSQL server, created for one test run and dropped after.
 * Server and credentials come from libpq's variables ({@code PGHOST}, {@code PGPORT}, {@code PGUSER},
 * {@code PGPASSWORD}); defaults 127.0.0.1:5432 as postgres. Names are unique, so test JVMs never collide.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9_]+");

    private final String host;
    private final String port;
    private final String user;
    private final String password;
    private final String name;

    private PostgresDatabase(String prefix, Map<String, String> env) {
        this.host = setting(env, "PGHOST", "127.0.0.1");
        this.port = setting(env, "PGPORT", "5432");
        this.user = setting(env, "PGUSER", "postgres");
        this.password = setting(env, "PGPASSWORD", "");
        this.name = ("vigil_test_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name prefix must be letters, digits or _: " + prefix);
        }
    }

    /** Creates a fresh database whose name starts with {@code vigil_test_<prefix>_}. */
    public static PostgresDatabase create(String prefix) {
        return create(prefix, System.getenv());
    }

    /** As {@link #create(String)}, with the libpq variables taken from {@code env}. */
    public static PostgresDatabase create(String prefix, Map<String, String> env) {
        PostgresDatabase db = new PostgresDatabase(prefix, env);
        db.execute("CREATE DATABASE " + db.name);
        return db;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Drops the database, ending any session still connected to it. */
    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || "28000".equals(e.getSQLState()) || "28P01".equals(e.getSQLState())) {
                throw new IllegalStateException("PostgreSQL is not reachable at " + host + ":" + port + " as " + user
                        + " (" + e.getMessage() + "). Start it with 'pg_ctlcluster --skip-systemctl-redirect 15 main start'"
                        + " or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a server.", e);
            }
            throw new IllegalStateException("'" + sql + "' failed on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static String setting(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
