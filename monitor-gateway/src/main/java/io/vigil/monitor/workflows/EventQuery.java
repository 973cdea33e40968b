package io.vigil.monitor.workflows;

import java.time.Instant;

/**
 * Which logged events to list, newest first: every filter is optional (null), {@code after} the previous page's
 * cursor, {@code limit} the page size.
 */
public record EventQuery(String type, String project, String subject, WorkflowType workflowType, String workflowId,
        Instant since, Instant until, Cursor after, int limit) {

    /** The events of one workflow. */
    public static EventQuery ofWorkflow(WorkflowType type, String id, Cursor after, int limit) {
        return new EventQuery(null, null, null, type, id, null, null, after, limit);
    }
}
