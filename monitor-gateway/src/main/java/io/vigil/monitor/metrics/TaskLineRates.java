package io.vigil.monitor.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vigil.events.payload.LogLines;

/**
 * Lines per second, and error lines (level {@code ERROR} or {@code FATAL}) per second, of each log task over the
 * recent window, by when the gateway received them. A task with no line in the window is forgotten. Not saved:
 * after a restart the window refills within its own length.
 */
final class TaskLineRates {

    static final Set<String> ERROR_LEVELS = Set.of("ERROR", "FATAL");

    /** Tasks kept before a sweep of the quiet ones; many tasks at once are many short ones. */
    private static final int SWEEP_ABOVE = 10_000;

    record Rates(String taskId, double linesPerSecond, double errorLinesPerSecond) {
    }

    private record Task(WindowedCount lines, WindowedCount errors) {
    }

    private final Duration window;
    private final Map<String, Task> tasks = new HashMap<>();

    TaskLineRates(Duration window) {
        this.window = window;
    }

    void add(LogLines batch, Instant received) {
        Task task = tasks.computeIfAbsent(batch.taskId(),
                id -> new Task(new WindowedCount(window), new WindowedCount(window)));
        long errors = batch.lines().stream()
                .filter(line -> line.level() != null && ERROR_LEVELS.contains(line.level().toUpperCase(Locale.ROOT)))
                .count();
        task.lines().add(received, batch.lines().size());
        task.errors().add(received, errors);
        if (tasks.size() > SWEEP_ABOVE) {
            forgetQuiet(received);
        }
    }

    /** The tasks with lines in the window, busiest first. */
    List<Rates> rates(Instant now) {
        forgetQuiet(now);
        return tasks.entrySet().stream()
                .map(e -> new Rates(e.getKey(), e.getValue().lines().perSecond(now),
                        e.getValue().errors().perSecond(now)))
                .sorted(Comparator.comparingDouble(Rates::linesPerSecond).reversed().thenComparing(Rates::taskId))
                .toList();
    }

    private void forgetQuiet(Instant now) {
        tasks.values().removeIf(task -> task.lines().total(now) == 0);
    }
}
