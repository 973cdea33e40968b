package io.vigil.monitor.workflows;

import java.time.Instant;
import java.util.List;

/**
 * One deployment, run or task in the same shape whichever it is, from its owner. {@code name} is the deployment's
 * commit, the run's pipeline or the task's template; a step's {@code error} is a deployment step's error or a run
 * step's reason, its {@code log} a deployment step's log URL or a run step's log task id. A task has no steps.
 */
public record WorkflowView(WorkflowType type, String id, String project, String name, String status,
        Instant startedAt, Instant finishedAt, Integer progressPercent, List<Step> steps) {

    public record Step(String name, String status, Instant startedAt, Instant finishedAt, String error, String log) {
    }
}
