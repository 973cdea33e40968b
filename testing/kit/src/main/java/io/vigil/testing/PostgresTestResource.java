package io.vigil.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} its own throwaway PostgreSQL database, dropped when the tests end.
 * The init arg {@code prefix} names the service in the database name.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String prefix = "svc";
    private PostgresDatabase database;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("prefix", prefix);
    }

    @Override
    public Map<String, String> start() {
        database = PostgresDatabase.create(prefix);
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
