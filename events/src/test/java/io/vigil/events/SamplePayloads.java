package io.vigil.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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

/** One realistic payload of every event type. */
final class SamplePayloads {
    static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    static Record of(EventType type) {
        return switch (type) {
            case DEPLOYMENT_UPDATED -> new DeploymentUpdated("d-1", "demo-app", "acme/demo-app", "main", "9f2c1e7",
                    Status.RUNNING, "axi-deploy", "manual", "backend", "deploying", T,
                    List.of(new DeploymentUpdated.StepState("validate_artifact", "validation", Status.SUCCESS)));
            case STEP_UPDATED -> new StepUpdated("d-1", "demo-app", "deploy_project", "deployment", Status.RUNNING, T);
            case PROJECT_HEALTH -> new ProjectHealth("demo-app", "https://example.test/health", true, 200, 12, null, T);
            case RUN_UPDATED -> new RunUpdated("r-1", "build", "demo-app", Status.SUCCESS, T, T.plusSeconds(30));
            case RUN_STEP_UPDATED -> new RunStepUpdated("r-1", "compile", Status.FAILED, 2, "t-9", T, T.plusSeconds(3));
            case LOG_LINES -> new LogLines("t-9", List.of(
                    new LogLines.Line(1, T, "INFO", "npm install", null, 1, 3),
                    new LogLines.Line(2, T, "INFO", "added 120 packages", 40, 1, 3)));
            case LOG_STATUS -> new LogStatus("t-9", Status.SUCCESS, 2, T, "install", 100, 3, 3, "Starting nginx", 0, 1, T);
            case ALERT_FIRED -> new AlertFired("a-1", "deploy-failure-rate", "critical", "fp-1", "3 of 5 failed",
                    Map.of("project", "demo-app"), T);
            case ALERT_RESOLVED -> new AlertResolved("a-1", "deploy-failure-rate", "fp-1", "ops", T);
            case METRICS_SNAPSHOT -> new MetricsSnapshot(T, T.plusSeconds(60), Map.of("deployments_total", 5.0));
        };
    }

    private SamplePayloads() {
    }
}
