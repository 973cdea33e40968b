package io.vigil.pipeline.api;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.events.Status;
import io.vigil.pipeline.dag.RunProgress;
import io.vigil.pipeline.dag.StepState;
import io.vigil.pipeline.definition.PipelineDefinition;
import io.vigil.pipeline.run.Run;
import io.vigil.pipeline.run.RunEta;
import io.vigil.pipeline.run.RunStep;

/** What the run API answers. */
public final class RunViews {

    private RunViews() {
    }

    /** A step of a run; {@code log_task_id} names its current attempt's log stream (and file). */
    public record StepView(String name, String status, int attempt, Integer exitCode, String reason, Instant startedAt,
            Instant finishedAt, Long durationMs, String logTaskId) {
        static StepView of(RunStep s) {
            Long duration = s.startedAt != null && s.finishedAt != null
                    ? Duration.between(s.startedAt, s.finishedAt).toMillis() : null;
            return new StepView(s.name(), s.state.wire(), s.attempt, s.exitCode, s.reason, s.startedAt, s.finishedAt,
                    duration, s.logTaskId());
        }
    }

    /**
     * A run with its steps in order, its progress (% of steps ended) and, while it runs, when it should end
     * judged by its pipeline's last successful runs ({@code eta}, null when there are none).
     */
    public record RunView(UUID id, UUID pipelineId, String pipeline, int version, Status status, boolean paused,
            boolean cancelled, Map<String, String> params, String triggeredBy, Instant createdAt, Instant startedAt,
            Instant finishedAt, int progressPercent, Instant eta, List<StepView> steps) {
        static RunView of(Run run, PipelineDefinition definition) {
            List<RunStep> steps = RunStep.of(run.id);
            Map<String, StepState> states = new HashMap<>();
            steps.forEach(s -> states.put(s.name(), s.state));
            return new RunView(run.id, run.pipelineId, run.pipelineName, run.version, run.status,
                    run.paused, run.cancelled, run.paramValues(), run.triggeredBy, run.createdAt, run.startedAt,
                    run.finishedAt,
                    RunProgress.of(definition, states).percent(), RunEta.of(run, definition, steps, Instant.now()),
                    steps.stream().map(StepView::of).toList());
        }
    }

    public record RunSummary(UUID id, UUID pipelineId, String pipeline, int version, Status status, Instant createdAt,
            Instant finishedAt) {
        static RunSummary of(Run r) {
            return new RunSummary(r.id, r.pipelineId, r.pipelineName, r.version, r.status,
                    r.createdAt, r.finishedAt);
        }
    }

    /** Newest first; {@code next_before} is the {@code before} of the next page, null on the last. */
    public record RunPage(List<RunSummary> items, String nextBefore) {
    }

    /** One event of a run's history, as published on vigil.runs. */
    public record RunEventView(UUID id, String type, long seq, Instant time, JsonNode data) {
    }

    /** Events after {@code after_seq}, in order; {@code last_seq} is the run's newest so far. */
    public record RunEventPage(List<RunEventView> events, long lastSeq) {
    }

    /** What starting a run takes: parameter values, and secrets given to its steps as environment only. */
    public record RunRequest(Map<String, String> params, Map<String, String> secrets) {
    }
}
