package io.vigil.local;

import java.util.Map;

/** The PostgreSQL server the stack uses, found the way libpq finds it: PGHOST, PGPORT, PGUSER, PGPASSWORD. */
public record Postgres(String host, String port, String user, String password) {

    public static Postgres fromEnvironment(Map<String, String> env) {
        return new Postgres(or(env, "PGHOST", "127.0.0.1"), or(env, "PGPORT", "5432"),
                or(env, "PGUSER", "postgres"), or(env, "PGPASSWORD", ""));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String address() {
        return host + ":" + port;
    }

    private static String or(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
