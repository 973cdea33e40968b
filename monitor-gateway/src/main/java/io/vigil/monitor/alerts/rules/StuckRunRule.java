package io.vigil.monitor.alerts.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertRule;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;

/**
 * A running run has had no event for longer than {@code after}: no run or step update, no log line of its steps
 * (task ids {@code <run>/<step>/<attempt>}). Its next event, or its end, resolves it.
 */
public final class StuckRunRule implements AlertRule {

    public static final String NAME = "run-stuck";

    private record Running(String pipeline, Instant lastEvent) {
    }

    private final Severity severity;
    private final Duration after;
    private final Map<String, Running> running = new HashMap<>();

    public StuckRunRule(Severity severity, Duration after) {
        this.severity = severity;
        this.after = after;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Verdict> observe(VigilEvent<?> event) {
        if (event.data() instanceof RunUpdated run) {
            if (run.status().isTerminal()) {
                running.remove(run.runId());
            } else if (run.status() == Status.RUNNING) {
                running.put(run.runId(), new Running(run.pipeline(), event.time()));
            }
            return List.of(new Verdict.Clear(key(run.runId()), event.time()));
        }
        String runId = event.data() instanceof RunStepUpdated step ? step.runId()
                : event.data() instanceof LogLines lines && lines.taskId().indexOf('/') > 0
                        ? lines.taskId().substring(0, lines.taskId().indexOf('/')) : null;
        Running known = runId == null ? null : running.get(runId);
        if (known == null) {
            return List.of();
        }
        running.put(runId, new Running(known.pipeline(), event.time()));
        return List.of(new Verdict.Clear(key(runId), event.time()));
    }

    @Override
    public List<Verdict> evaluate(Instant now) {
        List<Verdict> verdicts = new ArrayList<>();
        running.forEach((run, state) -> {
            Duration silent = Duration.between(state.lastEvent(), now);
            if (silent.compareTo(after) > 0) {
                verdicts.add(new Verdict.Fire(key(run), severity, "run " + run + " of pipeline " + state.pipeline()
                        + " has had no event for " + silent.toSeconds() + "s (limit " + after.toSeconds() + "s)",
                        Map.of("pipeline", state.pipeline()), now));
            }
        });
        return verdicts;
    }

    private static AlertKey key(String run) {
        return AlertKey.of(NAME, "run", run);
    }
}
