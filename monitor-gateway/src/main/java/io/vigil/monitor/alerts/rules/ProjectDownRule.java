package io.vigil.monitor.alerts.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.events.VigilEvent;
import io.vigil.events.payload.ProjectHealth;
import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertRule;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;

/**
 * A project's health probe failed {@code failures} times in a row (one failed probe may be a blip); the next
 * healthy probe resolves it.
 */
public final class ProjectDownRule implements AlertRule {

    public static final String NAME = "project-down";

    private final Severity severity;
    private final int failures;
    private final Map<String, Integer> failedInARow = new HashMap<>();

    public ProjectDownRule(Severity severity, int failures) {
        this.severity = severity;
        this.failures = failures;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Verdict> observe(VigilEvent<?> event) {
        if (!(event.data() instanceof ProjectHealth health)) {
            return List.of();
        }
        AlertKey key = AlertKey.of(NAME, "project", health.project());
        if (health.healthy()) {
            failedInARow.remove(health.project());
            return List.of(new Verdict.Clear(key, event.time()));
        }
        int failed = failedInARow.merge(health.project(), 1, Integer::sum);
        if (failed < failures) {
            return List.of();
        }
        String answer = health.httpStatus() != null ? "answered " + health.httpStatus()
                : health.error() != null ? health.error() : "did not answer";
        return List.of(new Verdict.Fire(key, severity, health.project() + " is down: " + health.url() + " " + answer
                + " (" + failed + " failed probes in a row)", Map.of("url", health.url()), event.time()));
    }
}
