package io.vigil.local;

import java.util.LinkedHashMap;
import java.util.Map;

/** The environment variables that configure one service in this stack: port, database, broker, neighbours. */
public final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    public static Map<String, String> of(Service service, StackOptions options, Postgres postgres, String bootstrapServers) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(options.ports().of(service)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(options.database(service)));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        // a banner and a page of migration notes per service would bury what matters in a log meant to be read
        env.put("QUARKUS_BANNER_ENABLED", "false");
        env.put("QUARKUS_LOG_CATEGORY__ORG_FLYWAYDB__LEVEL", "WARN");
        if (service == Service.GATEWAY) {
            for (Service other : Service.values()) {
                if (other.urlVariable() != null) {
                    env.put(other.urlVariable(), options.ports().url(other));
                }
            }
        }
        return env;
    }
}
