package io.vigil.pipeline.run;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.vigil.events.Status;
import io.vigil.outbox.EventOutbox;
import io.vigil.pipeline.catalog.Pipeline;
import io.vigil.pipeline.dag.StepOrder;
import io.vigil.pipeline.dag.StepState;
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
        secrets.keySet().stream().filter(name -> !name.matches("[A-Za-z_][A-Za-z0-9_]*")).findFirst().ifPresent(name -> {
            throw new RunRefused("/secrets/" + name, "is not a variable name (letters, digits and '_')");
        });
        run.status = Status.RUNNING;
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

    /** After the start or change committed: moves the run forward now, not at the next tick. */
    public void nudge(Run run) {
        if (run.cancelled) {
            engine.killProcessesOf(run.id);
        }
        engine.nudge(run.id);
    }

    private Optional<Run> change(UUID runId, java.util.function.Consumer<Run> change) {
        Run run = Run.locked(runId);
        if (run == null) {
            return Optional.empty();
        }
        if (run.status.isTerminal()) {
            throw new RunRefused(409, "", "run " + runId + " has ended (" + run.status.name().toLowerCase() + ")");
        }
        change.accept(run);
        return Optional.of(run);
    }
}
