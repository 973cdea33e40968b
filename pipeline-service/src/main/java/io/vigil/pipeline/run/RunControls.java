package io.vigil.pipeline.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.vigil.events.Status;
import io.vigil.outbox.EventOutbox;
import io.vigil.pipeline.catalog.Pipeline;
import io.vigil.pipeline.dag.StepOrder;
import io.vigil.pipeline.dag.StepState;
import io.vigil.pipeline.definition.DefinitionParser;
import io.vigil.pipeline.definition.PipelineDefinition;
import io.vigil.pipeline.definition.StepDefinition;

/** What people do to runs: start one, cancel, pause and resume it. Each change is one transaction with its events. */
@ApplicationScoped
public class RunControls {

    private final RunEngine engine;
    private final EventOutbox outbox;

    RunControls(RunEngine engine, EventOutbox outbox) {
        this.engine = engine;
        this.outbox = outbox;
    }

    /** Starts the pipeline's current version; empty when there is no such pipeline. Call {@link #nudge} after. */
    @Transactional
    public Optional<Run> start(UUID pipelineId, Map<String, String> params, Map<String, String> secrets) {
        return start(pipelineId, params, secrets, null);
    }

    /** As {@link #start(UUID, Map, Map)}, saying what started the run. */
    @Transactional
    public Optional<Run> start(UUID pipelineId, Map<String, String> params, Map<String, String> secrets,
            String triggeredBy) {
        Optional<Pipeline> pipeline = Pipeline.live(pipelineId);
        if (pipeline.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Run run = new Run();
        run.id = UUID.randomUUID();
        run.pipelineId = pipelineId;
        run.pipelineName = pipeline.get().name;
        run.version = pipeline.get().currentVersion;
        PipelineDefinition definition = engine.definition(run);
        run.params = RunParams.toJson(RunParams.resolve(definition, params));
        secrets.keySet().stream().filter(name -> !DefinitionParser.isVariableName(name)).findFirst().ifPresent(name -> {
            throw new RunRefused("/secrets/" + name, "is not a variable name (letters, digits and '_')");
        });
        run.status = Status.RUNNING;
        run.triggeredBy = triggeredBy;
        run.createdAt = now;
        run.startedAt = now;
        run.persist();
        int position = 0;
        for (StepDefinition step : StepOrder.of(definition)) {
            RunStep row = new RunStep();
            row.key = new RunStep.Key(run.id, step.name());
            row.position = position++;
            row.state = StepState.PENDING;
            row.persist();
        }
        outbox.publish(run.id.toString(), now, RunEvents.run(run, now).payload());
        engine.holdSecrets(run.id, secrets);
        return Optional.of(run);
    }

    /** Stops the run: nothing more starts, pending steps are cancelled, running processes killed. */
    @Transactional
    public Optional<Run> cancel(UUID runId) {
        return change(runId, run -> run.cancelled = true);
    }

    /** No new step starts; running ones finish. */
    @Transactional
    public Optional<Run> pause(UUID runId) {
        return change(runId, run -> run.paused = true);
    }

    @Transactional
    public Optional<Run> resume(UUID runId) {
        return change(runId, run -> run.paused = false);
    }

    /** Runs a failed or cancelled run again from its steps that did not succeed; the successful ones are kept. */
    @Transactional
    public Optional<Run> retry(UUID runId) {
        Run run = Run.locked(runId);
        if (run == null) {
            return Optional.empty();
        }
        if (!run.status.isTerminal() || run.status == Status.SUCCESS) {
            throw new RunRefused(409, "", "only a failed or cancelled run can be retried; run " + runId + " is "
                    + run.status.wire());
        }
        reopen(run, RunStep.of(runId).stream().filter(s -> s.state != StepState.SUCCESS).toList());
        return Optional.of(run);
    }

    /**
     * Runs one ended step again, and with it every step after it that did not succeed (they were skipped or
     * cancelled because of it, or failed after it); reopens the run if it had ended.
     */
    @Transactional
    public Optional<Run> retryStep(UUID runId, String name) {
        Run run = Run.locked(runId);
        if (run == null) {
            return Optional.empty();
        }
        Map<String, RunStep> steps = new LinkedHashMap<>();
        RunStep.of(runId).forEach(s -> steps.put(s.name(), s));
        RunStep step = steps.get(name);
        if (step == null) {
            throw new RunRefused(404, "/steps/" + name, "run " + runId + " has no step '" + name + "'");
        }
        if (!step.state.isTerminal()) {
            throw new RunRefused(409, "/steps/" + name, "step '" + name + "' has not ended (" + step.state.wire() + ")");
        }
        Set<String> again = new LinkedHashSet<>(List.of(name));
        for (StepDefinition later : StepOrder.of(engine.definition(run))) {
            if (later.needs().stream().anyMatch(again::contains) && steps.get(later.name()).state != StepState.SUCCESS) {
                again.add(later.name());
            }
        }
        reopen(run, again.stream().map(steps::get).toList());
        return Optional.of(run);
    }

    private void reopen(Run run, List<RunStep> steps) {
        Instant now = Instant.now();
        List<EventOutbox.Draft> events = new ArrayList<>();
        for (RunStep step : steps) {
            step.state = StepState.PENDING;
            step.finishedAt = null;
            step.exitCode = null;
            step.reason = null;
            step.retryAt = null;
            events.add(RunEvents.step(step, now));
        }
        run.cancelled = false;
        if (run.status.isTerminal()) {
            run.status = Status.RUNNING;
            run.finishedAt = null;
            events.add(RunEvents.run(run, now));
        }
        outbox.publish(events);
    }

    /** After the start or change committed: moves the run forward now, not at the next tick. */
    public void nudge(Run run) {
        if (run.cancelled) {
            engine.killProcessesOf(run.id);
        }
        engine.nudge(run.id);
    }

    private Optional<Run> change(UUID runId, Consumer<Run> change) {
        Run run = Run.locked(runId);
        if (run == null) {
            return Optional.empty();
        }
        if (run.status.isTerminal()) {
            throw new RunRefused(409, "", "run " + runId + " has ended (" + run.status.wire() + ")");
        }
        change.accept(run);
        return Optional.of(run);
    }
}
