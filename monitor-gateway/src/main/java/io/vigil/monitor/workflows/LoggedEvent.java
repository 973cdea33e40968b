package io.vigil.monitor.workflows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.vigil.events.EventCodec;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.LogStatus;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.events.payload.StepUpdated;
import io.vigil.monitor.domain.Subscription;

/**
 * One row of the event log: the event's attributes, the project and workflow it concerns when its payload names
 * them, and its data as the JSON it travelled as. {@code type} is the short name clients see
 * ({@code deployment.updated}); {@code time} is cut to the database's microseconds, so it reads back as written.
 */
public record LoggedEvent(UUID id, String type, String subject, String project, WorkflowType workflowType,
        String workflowId, Instant time, long seq, String data) {

    public static LoggedEvent of(VigilEvent<?> event) {
        Record data = event.data();
        WorkflowType workflow = null;
        String workflowId = null;
        if (data instanceof DeploymentUpdated d) {
            workflow = WorkflowType.DEPLOYMENT;
            workflowId = d.deploymentId();
        } else if (data instanceof StepUpdated s) {
            workflow = WorkflowType.DEPLOYMENT;
            workflowId = s.deploymentId();
        } else if (data instanceof RunUpdated || data instanceof RunStepUpdated) {
            workflow = WorkflowType.RUN;
            workflowId = event.subject();
        } else if (data instanceof LogLines || data instanceof LogStatus) {
            workflow = WorkflowType.TASK;
            workflowId = event.subject();
        }
        return new LoggedEvent(event.id(), event.type().shortName(), event.subject(),
                Subscription.projectOf(data).orElse(null), workflow, workflowId,
                event.time().truncatedTo(ChronoUnit.MICROS), event.seq(),
                EventCodec.encode(data));
    }
}
