package io.vigil.monitor.alerts.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertRule;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;

/**
 * Too many of a project's deployments and runs that ended in the last {@code window} failed: more than
 * {@code threshold} of them, counting only once there are {@code minOutcomes} (two of two is not yet a trend).
 * Resolves when the rate drops to the threshold or below, or the window empties.
 */
public final class FailureRateRule implements AlertRule {

    public static final String NAME = "failure-rate";

    private record Outcome(Instant at, boolean failed) {
    }

    private final Severity severity;
    private final double threshold;
    private final Duration window;
    private final int minOutcomes;
    /** Per project, each deployment's or run's last outcome by its id (a repeated report counts once). */
    private final Map<String, LinkedHashMap<String, Outcome>> outcomes = new HashMap<>();

    public FailureRateRule(Severity severity, double threshold, Duration window, int minOutcomes) {
        this.severity = severity;
        this.threshold = threshold;
        this.window = window;
        this.minOutcomes = minOutcomes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Verdict> observe(VigilEvent<?> event) {
        if (event.data() instanceof DeploymentUpdated deployment) {
            return record(deployment.project(), "deployment:" + deployment.deploymentId(), deployment.status(),
                    event.time());
        }
        if (event.data() instanceof RunUpdated run && run.project() != null) {
            return record(run.project(), "run:" + run.runId(), run.status(), event.time());
        }
        return List.of();
    }

    private List<Verdict> record(String project, String id, Status status, Instant at) {
        if (status != Status.SUCCESS && status != Status.FAILED) {
            return List.of();
        }
        outcomes.computeIfAbsent(project, p -> new LinkedHashMap<>()).put(id, new Outcome(at, status == Status.FAILED));
        return List.of(verdict(project, at));
    }

    @Override
    public List<Verdict> evaluate(Instant now) {
        List<Verdict> verdicts = new ArrayList<>();
        for (String project : List.copyOf(outcomes.keySet())) {
            verdicts.add(verdict(project, now));
            if (outcomes.get(project).isEmpty()) {
                outcomes.remove(project);
            }
        }
        return verdicts;
    }

    private Verdict verdict(String project, Instant now) {
        Map<String, Outcome> recent = outcomes.get(project);
        Instant since = now.minus(window);
        recent.values().removeIf(outcome -> outcome.at().isBefore(since));
        long failed = recent.values().stream().filter(Outcome::failed).count();
        int total = recent.size();
        AlertKey key = AlertKey.of(NAME, "project", project);
        if (total >= minOutcomes && (double) failed / total > threshold) {
            return new Verdict.Fire(key, severity, failed + " of " + total + " deployments and runs of " + project
                    + " failed in the last " + window.toString().substring(2).toLowerCase() + " (threshold "
                    + Math.round(threshold * 100) + "%)", Map.of(), now);
        }
        return new Verdict.Clear(key, now);
    }
}
