package io.vigil.monitor.domain;

import java.util.Optional;

/** The log task of one attempt of a pipeline step: its id is {@code <run id>/<step>/<attempt>} (pipeline-service). */
public record StepLogTask(String runId, String step, int attempt) {

    /** The step attempt a log task id names; empty for any other task (a deployment's, an install's). */
    public static Optional<StepLogTask> of(String taskId) {
        String[] parts = taskId == null ? new String[0] : taskId.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(new StepLogTask(parts[0], parts[1], Integer.parseInt(parts[2])));
    }
}
