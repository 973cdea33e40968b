package io.vigil.local;

import java.nio.file.Path;

/** The four Vigil services as the stack runs them: source directory, log tag and database. */
public enum Service {
    GATEWAY("monitor-gateway", "gateway", "monitor", null),
    INGEST("ingest-service", "ingest", "ingest", "VIGIL_INGEST_URL"),
    PIPELINE("pipeline-service", "pipeline", "pipeline", "VIGIL_PIPELINE_URL"),
    LOGS("log-stream-service", "logs", "logs", "VIGIL_LOGS_URL");

    private final String directory;
    private final String tag;
    private final String database;
    private final String urlVariable;

    Service(String directory, String tag, String database, String urlVariable) {
        this.directory = directory;
        this.tag = tag;
        this.database = database;
        this.urlVariable = urlVariable;
    }

    public String directory() {
        return directory;
    }

    /** The short name that prefixes the service's output and keys it in stack.json. */
    public String tag() {
        return tag;
    }

    /** The database name without the stack's prefix. */
    public String database() {
        return database;
    }

    /** The variable through which the gateway learns this service's URL; null for the gateway itself. */
    public String urlVariable() {
        return urlVariable;
    }

    /** The Quarkus fast-jar the build leaves in the service's directory. */
    public Path runJar(Path root) {
        return root.resolve(directory).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
