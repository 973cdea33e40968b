package io.vigil.monitor.alerts.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vigil.events.VigilEvent;
import io.vigil.events.payload.LogLines;
import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertRule;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;

/**
 * A log task writes more than {@code perMinute} error lines (level ERROR, FATAL or CRITICAL) within a minute.
 * Resolves once the last minute holds that many or fewer.
 */
public final class LogErrorsRule implements AlertRule {

    public static final String NAME = "log-errors";
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Set<String> ERROR_LEVELS = Set.of("ERROR", "FATAL", "CRITICAL");

    private record Batch(Instant at, int errors) {
    }

    private final Severity severity;
    private final int perMinute;
    private final Map<String, ArrayDeque<Batch>> errorsByTask = new HashMap<>();

    public LogErrorsRule(Severity severity, int perMinute) {
        this.severity = severity;
        this.perMinute = perMinute;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Verdict> observe(VigilEvent<?> event) {
        if (!(event.data() instanceof LogLines lines)) {
            return List.of();
        }
        int errors = (int) lines.lines().stream()
                .filter(line -> line.level() != null && ERROR_LEVELS.contains(line.level().toUpperCase())).count();
        if (errors == 0 && !errorsByTask.containsKey(lines.taskId())) {
            return List.of();
        }
        ArrayDeque<Batch> batches = errorsByTask.computeIfAbsent(lines.taskId(), t -> new ArrayDeque<>());
        if (errors > 0) {
            batches.add(new Batch(event.time(), errors));
        }
        return List.of(verdict(lines.taskId(), event.time()));
    }

    @Override
    public List<Verdict> evaluate(Instant now) {
        List<Verdict> verdicts = new ArrayList<>();
        for (String task : List.copyOf(errorsByTask.keySet())) {
            verdicts.add(verdict(task, now));
        }
        return verdicts;
    }

    private Verdict verdict(String task, Instant now) {
        ArrayDeque<Batch> batches = errorsByTask.get(task);
        Instant since = now.minus(MINUTE);
        while (!batches.isEmpty() && !batches.peekFirst().at().isAfter(since)) {
            batches.removeFirst();
        }
        int errors = batches.stream().mapToInt(Batch::errors).sum();
        AlertKey key = AlertKey.of(NAME, "task", task);
        if (errors > perMinute) {
            return new Verdict.Fire(key, severity, "task " + task + " logged " + errors
                    + " error lines in the last minute (threshold " + perMinute + ")", Map.of(), now);
        }
        if (batches.isEmpty()) {
            errorsByTask.remove(task);
        }
        return new Verdict.Clear(key, now);
    }
}
