package io.vigil.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables that configure one service in this stack: port, database, broker, neighbours, and
 * where step output and task logs live.
 */
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
        // a step's output and a task's log live in the stack's data directory: shared by pipeline-service, which
        // writes them, and log-stream-service, which tails them; gone with the data directory
        Path output = options.dataDir().resolve("runs").resolve("output");
        if (service == Service.PIPELINE) {
            unlessSet(env, "VIGIL_PIPELINE_RUN_OUTPUT_DIR", output);
            unlessSet(env, "VIGIL_PIPELINE_RUN_WORK_DIR", options.dataDir().resolve("runs").resolve("work"));
        } else if (service == Service.LOGS) {
            unlessSet(env, "VIGIL_LOGS_LOG_ROOT", output);
            unlessSet(env, "VIGIL_LOGS_TASK_ROOT", options.dataDir().resolve("tasks"));
        }
        if (service == Service.GATEWAY) {
            for (Service other : Service.values()) {
                if (other.urlVariable() != null) {
                    env.put(other.urlVariable(), options.ports().url(other));
                }
            }
        }
        return env;
    }

    /** Sets {@code name} to {@code path}, unless whoever started the stack set it already. */
    private static void unlessSet(Map<String, String> env, String name, Path path) {
        if (System.getenv(name) == null) {
            env.put(name, path.toAbsolutePath().toString());
        }
    }
}
