package io.vigil.monitor.alerts;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.events.Status;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.messaging.EventObserver;

/**
 * Starts the silences scoped to a deployment or a run when it is seen running, and ends them when it ends: planned
 * work silences its own noise and no more. The writes happen on {@link AlertWork}'s thread.
 */
@ApplicationScoped
public class SilenceScopes implements EventObserver {

    private final SilenceStore silences;
    private final AlertWork work;

    SilenceScopes(SilenceStore silences, AlertWork work) {
        this.silences = silences;
        this.work = work;
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
