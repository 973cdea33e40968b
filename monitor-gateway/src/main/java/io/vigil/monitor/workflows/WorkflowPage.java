package io.vigil.monitor.workflows;

import java.util.List;

/** A page of workflows, newest first; {@code next} is the cursor of the following page, null on the last. */
public record WorkflowPage(List<WorkflowState> items, String next) {
}
