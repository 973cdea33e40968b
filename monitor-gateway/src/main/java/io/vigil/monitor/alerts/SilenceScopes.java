package io.vigil.monitor.alerts;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.messaging.EventObserver;
import io.vigil.monitor.workflows.WorkflowStore;
import io.vigil.monitor.workflows.WorkflowType;

/**
 * Starts the silences scoped to a deployment or a run when it is seen running, and ends them when it ends: planned
 * work silences its own noise and no more. The writes happen on {@link AlertWork}'s thread. A silence created for
 * work already under way, or already over, is caught up from the work's last known state (the event log's
 * workflows), since the event that would have started or ended it came first.
 */
@ApplicationScoped
public class SilenceScopes implements EventObserver {

    private final SilenceStore silences;
    private final AlertWork work;
    private final WorkflowStore workflows;

    SilenceScopes(SilenceStore silences, AlertWork work, WorkflowStore workflows) {
        this.silences = silences;
        this.work = work;
        this.workflows = workflows;
    }

    /** The silence as it stands once its scope's work, if already seen, has started or ended it. */
    public Silence catchUp(Silence silence, Instant now) {
        Silence.Scope scope = silence.scope();
        if (scope == null) {
            return silence;
        }
        WorkflowType type = Silence.Scope.DEPLOYMENT.equals(scope.kind()) ? WorkflowType.DEPLOYMENT : WorkflowType.RUN;
        Status status = workflows.find(type, scope.id()).map(state -> Status.fromWire(state.status())).orElse(null);
        if (status == Status.RUNNING) {
            silences.start(scope, now);
        } else if (status != null && status.isTerminal()) {
            silences.end(scope, now);
        }
        return silences.find(silence.id()).orElse(silence);
    }

    @Override
    public void observe(VigilEvent<?> event) {
        if (event.data() instanceof DeploymentUpdated deployment) {
            follow(new Silence.Scope(Silence.Scope.DEPLOYMENT, deployment.deploymentId()), deployment.status(), event);
        } else if (event.data() instanceof RunUpdated run) {
            follow(new Silence.Scope(Silence.Scope.RUN, run.runId()), run.status(), event);
        }
    }

    private void follow(Silence.Scope scope, Status status, VigilEvent<?> event) {
        if (status == Status.RUNNING) {
            work.submit("starting the silences of " + scope, () -> silences.start(scope, event.time()));
        } else if (status.isTerminal()) {
            work.submit("ending the silences of " + scope, () -> silences.end(scope, event.time()));
        }
    }
}
