package io.vigil.monitor.workflows;

/** No such deployment, run or task: its owner does not know it (404). */
public class WorkflowNotFound extends RuntimeException {

    public WorkflowNotFound(WorkflowType type, String id) {
        super("no " + type.wire() + " " + id, null, false, false);
    }
}
