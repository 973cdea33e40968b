package io.vigil.events;

import java.util.Arrays;
import java.util.Optional;

import io.vigil.events.payload.AlertFired;
import io.vigil.events.payload.AlertResolved;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.LogStatus;
import io.vigil.events.payload.MetricsSnapshot;
import io.vigil.events.payload.ProjectHealth;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.events.payload.StepUpdated;

/**
 * Every CloudEvent type Vigil publishes: its {@code type} attribute, the topic it travels on,
 * the service that owns it and the payload record its data decodes to.
 */
public enum EventType {
    DEPLOYMENT_UPDATED("io.vigil.deployment.updated", Topics.DEPLOYMENTS, EventSource.INGEST, DeploymentUpdated.class),
    STEP_UPDATED("io.vigil.step.updated", Topics.DEPLOYMENTS, EventSource.INGEST, StepUpdated.class),
    PROJECT_HEALTH("io.vigil.project.health", Topics.DEPLOYMENTS, EventSource.INGEST, ProjectHealth.class),
    RUN_UPDATED("io.vigil.run.updated", Topics.RUNS, EventSource.PIPELINE, RunUpdated.class),
    RUN_STEP_UPDATED("io.vigil.run.step.updated", Topics.RUNS, EventSource.PIPELINE, RunStepUpdated.class),
    LOG_LINES("io.vigil.log.lines", Topics.LOGS, EventSource.LOGS, LogLines.class),
    LOG_STATUS("io.vigil.log.status", Topics.LOGS, EventSource.LOGS, LogStatus.class),
    ALERT_FIRED("io.vigil.alert.fired", Topics.ALERTS, EventSource.MONITOR, AlertFired.class),
    ALERT_RESOLVED("io.vigil.alert.resolved", Topics.ALERTS, EventSource.MONITOR, AlertResolved.class),
    METRICS_SNAPSHOT("io.vigil.metrics.snapshot", Topics.METRICS, EventSource.MONITOR, MetricsSnapshot.class);

    private static final String PREFIX = "io.vigil.";

    private final String ceType;
    private final String topic;
    private final EventSource source;
    private final Class<? extends Record> payloadType;

    EventType(String ceType, String topic, EventSource source, Class<? extends Record> payloadType) {
        this.ceType = ceType;
        this.topic = topic;
        this.source = source;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code io.vigil.deployment.updated}. */
    public String ceType() {
        return ceType;
    }

    /** The type without the {@code io.vigil.} prefix, as WebSocket clients see it: {@code deployment.updated}. */
    public String shortName() {
        return ceType.substring(PREFIX.length());
    }

    public String topic() {
        return topic;
    }

    public EventSource source() {
        return source;
    }

    public Class<? extends Record> payloadType() {
        return payloadType;
    }

    /** The type whose CloudEvents {@code type} attribute is {@code ceType}; empty for types this version does not know. */
    public static Optional<EventType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    /** The type whose payload is {@code payloadType}. */
    public static EventType ofPayload(Class<?> payloadType) {
        return Arrays.stream(values()).filter(t -> t.payloadType == payloadType).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a Vigil event payload: " + payloadType.getName()));
    }
}
