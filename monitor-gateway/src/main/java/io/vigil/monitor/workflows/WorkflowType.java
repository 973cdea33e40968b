package io.vigil.monitor.workflows;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The three kinds of work the gateway follows, each owned by one service. */
public enum WorkflowType {
    DEPLOYMENT("ingest-service"), RUN("pipeline-service"), TASK("log-stream-service");

    private final String owner;

    WorkflowType(String owner) {
        this.owner = owner;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The service whose REST API holds this kind of workflow. */
    public String owner() {
        return owner;
    }

    public static Optional<WorkflowType> fromWire(String text) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(text)).findFirst();
    }
}
