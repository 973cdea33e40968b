package io.vigil.pipeline.run;

import java.time.Instant;

import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.outbox.EventOutbox;

/** The events a run's changes are told by, subject = run id: the gateway replays a run from them. */
final class RunEvents {

    private RunEvents() {
    }

    static EventOutbox.Draft run(Run run, Instant now) {
        return new EventOutbox.Draft(run.id.toString(), now, new RunUpdated(run.id.toString(), run.pipelineName, null,
                run.status, run.startedAt, run.finishedAt));
    }

    static EventOutbox.Draft step(RunStep step, Instant now) {
        return new EventOutbox.Draft(step.key.runId().toString(), now, new RunStepUpdated(step.key.runId().toString(),
                step.name(), step.state.status(), step.exitCode, step.logTaskId(), step.startedAt, step.finishedAt));
    }
}
