package io.vigil.events;

import java.util.List;

/** The Kafka topics of Vigil, named once. Record key is always the event's subject. */
public final class Topics {
    public static final String DEPLOYMENTS = "vigil.deployments";
    public static final String RUNS = "vigil.runs";
    public static final String LOGS = "vigil.logs";
    public static final String ALERTS = "vigil.alerts";
    public static final String METRICS = "vigil.metrics";

    public static final List<String> ALL = List.of(DEPLOYMENTS, RUNS, LOGS, ALERTS, METRICS);

    private Topics() {
    }
}
