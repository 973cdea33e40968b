package io.vigil.monitor.alerts.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.alerts.AlertKey;
import io.vigil.monitor.alerts.AlertRule;
import io.vigil.monitor.alerts.Severity;
import io.vigil.monitor.alerts.Verdict;

/**
 * A pipeline step runs far longer than it usually does: more than {@code factor} × the median of its last
 * {@code samples} successful durations, and at least {@code minimum}. Judged only once the step has
 * {@code minSamples} durations (no usual time yet, no alert). Resolves when the step ends.
 */
public final class StepOverdueRule implements AlertRule {

    public static final String NAME = "step-overdue";

    private record StepOfRun(String run, String step) {
    }

    private final Severity severity;
    private final double factor;
    private final Duration minimum;
    private final int samples;
    private final int minSamples;
    private final Map<String, String> pipelineOfRun = new HashMap<>();
    private final Map<StepOfRun, Instant> running = new HashMap<>();
    /** Recent successful durations of each step, by pipeline and step name. */
    private final Map<String, ArrayDeque<Duration>> durations = new HashMap<>();

    public StepOverdueRule(Severity severity, double factor, Duration minimum, int samples, int minSamples) {
        this.severity = severity;
        this.factor = factor;
        this.minimum = minimum;
        this.samples = samples;
        this.minSamples = minSamples;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Verdict> observe(VigilEvent<?> event) {
        if (event.data() instanceof RunUpdated run) {
            if (run.status().isTerminal()) {
                pipelineOfRun.remove(run.runId());
            } else {
                pipelineOfRun.put(run.runId(), run.pipeline());
            }
            return List.of();
        }
        if (!(event.data() instanceof RunStepUpdated step)) {
            return List.of();
        }
        StepOfRun which = new StepOfRun(step.runId(), step.step());
        if (step.status() == Status.RUNNING) {
            running.putIfAbsent(which, step.startedAt() != null ? step.startedAt() : event.time());
            return List.of();
        }
        if (!step.status().isTerminal()) {
            return List.of();
        }
        Instant started = running.remove(which);
        if (step.status() == Status.SUCCESS) {
            Instant from = step.startedAt() != null ? step.startedAt() : started;
            Instant to = step.finishedAt() != null ? step.finishedAt() : event.time();
            if (from != null && !to.isBefore(from)) {
                ArrayDeque<Duration> recent = durations.computeIfAbsent(usualKey(which), k -> new ArrayDeque<>());
                recent.addLast(Duration.between(from, to));
                if (recent.size() > samples) {
                    recent.removeFirst();
                }
            }
        }
        return List.of(new Verdict.Clear(key(which), event.time()));
    }

    @Override
    public List<Verdict> evaluate(Instant now) {
        List<Verdict> verdicts = new ArrayList<>();
        running.forEach((which, started) -> {
            ArrayDeque<Duration> usual = durations.get(usualKey(which));
            if (usual == null || usual.size() < minSamples) {
                return;
            }
            Duration median = median(usual);
            Duration limit = max(Duration.ofMillis((long) (median.toMillis() * factor)), minimum);
            Duration elapsed = Duration.between(started, now);
            if (elapsed.compareTo(limit) > 0) {
                verdicts.add(new Verdict.Fire(key(which), severity, "step " + which.step() + " of run " + which.run()
                        + " has run " + elapsed.toSeconds() + "s, its median is " + median.toSeconds() + "s (limit "
                        + limit.toSeconds() + "s)", context(which), now));
            }
        });
        return verdicts;
    }

    static Duration median(ArrayDeque<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private String usualKey(StepOfRun which) {
        return pipelineOfRun.getOrDefault(which.run(), "") + "/" + which.step();
    }

    private Map<String, String> context(StepOfRun which) {
        String pipeline = pipelineOfRun.get(which.run());
        return pipeline == null ? Map.of() : Map.of("pipeline", pipeline);
    }

    private static AlertKey key(StepOfRun which) {
        return new AlertKey(NAME, Map.of("run", which.run(), "step", which.step()));
    }
}
