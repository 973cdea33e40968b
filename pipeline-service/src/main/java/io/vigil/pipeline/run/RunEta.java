package io.vigil.pipeline.run;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vigil.pipeline.dag.StepOrder;
import io.vigil.pipeline.dag.StepState;
import io.vigil.pipeline.definition.PipelineDefinition;
import io.vigil.pipeline.definition.StepDefinition;

/**
 * When a running run should end, judged by its pipeline's last successful runs: each step still to come takes
 * its usual time (a running one, what is left of it), and steps run as soon as their needs end, so the run
 * ends with its longest remaining path. Unknown when no earlier run says how long its steps take.
 */
public final class RunEta {

    /** Successful runs looked back on. */
    static final int HISTORY = 20;

    private RunEta() {
    }

    /** Null when the run is not running or no step of it has a usual time. */
    public static Instant of(Run run, PipelineDefinition definition, List<RunStep> steps, Instant now) {
        if (run.status.isTerminal()) {
            return null;
        }
        Map<String, Duration> usual = usualDurations(run.pipelineId);
        if (usual.isEmpty()) {
            return null;
        }
        Map<String, RunStep> byName = new HashMap<>();
        steps.forEach(s -> byName.put(s.name(), s));
        return now.plus(remaining(definition, byName, usual, now));
    }

    /** The longest chain of remaining time through the DAG, steps in dependency order. */
    static Duration remaining(PipelineDefinition definition, Map<String, RunStep> steps, Map<String, Duration> usual,
            Instant now) {
        Map<String, Duration> doneAfter = new HashMap<>();
        Duration longest = Duration.ZERO;
        for (StepDefinition step : StepOrder.of(definition)) {
            Duration start = step.needs().stream().map(doneAfter::get).max(Duration::compareTo).orElse(Duration.ZERO);
            RunStep state = steps.get(step.name());
            Duration own = usual.getOrDefault(step.name(), Duration.ZERO);
            if (state != null && state.state.isTerminal()) {
                own = Duration.ZERO;
            } else if (state != null && state.state == StepState.RUNNING && state.startedAt != null) {
                Duration left = own.minus(Duration.between(state.startedAt, now));
                own = left.isNegative() ? Duration.ZERO : left;
            }
            Duration done = start.plus(own);
            doneAfter.put(step.name(), done);
            longest = done.compareTo(longest) > 0 ? done : longest;
        }
        return longest;
    }

    private static Map<String, Duration> usualDurations(UUID pipelineId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Run.getEntityManager().createNativeQuery("""
                SELECT s.name, avg(extract(epoch FROM s.finished_at - s.started_at))
                FROM run_step s
                WHERE s.status = 'success' AND s.run_id IN (
                    SELECT id FROM run WHERE pipeline_id = ?1 AND status = 'SUCCESS' ORDER BY finished_at DESC LIMIT ?2)
                GROUP BY s.name""").setParameter(1, pipelineId).setParameter(2, HISTORY).getResultList();
        Map<String, Duration> usual = new HashMap<>();
        for (Object[] row : rows) {
            usual.put((String) row[0], Duration.ofMillis(Math.round(((Number) row[1]).doubleValue() * 1000)));
        }
        return usual;
    }
}
