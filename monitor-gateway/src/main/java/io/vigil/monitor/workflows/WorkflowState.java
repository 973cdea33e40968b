package io.vigil.monitor.workflows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.LogStatus;
import io.vigil.events.payload.RunUpdated;

/**
 * Where one deployment, run or task stands after an event that reports its whole state (deployment.updated,
 * run.updated, log.status). {@code updatedAt} is the event's time: an older event never overwrites a newer state.
 * Times are cut to the database's microseconds, so they read back as written.
 */
public record WorkflowState(WorkflowType type, String id, String project, String name, String status,
        Instant startedAt, Instant finishedAt, Instant updatedAt) {

    public WorkflowState {
        startedAt = micros(startedAt);
        finishedAt = micros(finishedAt);
        updatedAt = micros(updatedAt);
    }

    private static Instant micros(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    public static Optional<WorkflowState> of(VigilEvent<?> event) {
        Instant at = event.time();
        if (event.data() instanceof DeploymentUpdated d) {
            Instant started = d.steps().stream().map(DeploymentUpdated.StepState::startedAt).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(d.reportedAt());
            Instant finished = !d.status().isTerminal() ? null : d.steps().stream()
                    .map(DeploymentUpdated.StepState::finishedAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(d.reportedAt());
            return Optional.of(new WorkflowState(WorkflowType.DEPLOYMENT, d.deploymentId(), d.project(),
                    d.commitHash(), d.status().wire(), started, finished, at));
        } else if (event.data() instanceof RunUpdated r) {
            return Optional.of(new WorkflowState(WorkflowType.RUN, r.runId(), r.project(), r.pipeline(),
                    r.status().wire(), Objects.requireNonNullElse(r.startedAt(), at), r.finishedAt(), at));
        } else if (event.data() instanceof LogStatus t) {
            return Optional.of(new WorkflowState(WorkflowType.TASK, t.taskId(), null, t.kind(), t.status().wire(),
                    Objects.requireNonNullElse(t.startedAt(), at), t.finishedAt(), at));
        }
        return Optional.empty();
    }
}
