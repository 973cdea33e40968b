package io.vigil.monitor.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vigil.events.payload.RunStepUpdated;
import io.vigil.monitor.history.RunStateClient;

/**
 * The steps of the runs someone watches on {@code /ws/executions}: {@code run.updated} does not say how far a run
 * has come, so each watched run's steps are taken from its owner on connect and followed through
 * {@code run.step.updated}, and every live {@code execution_update} carries the counts and the current step.
 * Forgotten when the run's last watcher leaves.
 */
public final class ExecutionSteps {

    /** How far a run has come: its steps, those that ended, the one running (null when none). */
    public record Progress(int total, int ended, String current) {

        /** Ended steps in percent of all, rounded down; 0 for a run without steps. */
        public int percent() {
            return total == 0 ? 0 : ended * 100 / total;
        }
    }

    private final Map<String, Map<String, String>> statusByStepOfRun = new ConcurrentHashMap<>();

    /** Follows the run from the state its owner reported, unless it is followed already (and so newer). */
    public void watch(String runId, List<RunStateClient.Step> steps) {
        statusByStepOfRun.computeIfAbsent(runId, id -> {
            Map<String, String> statusByStep = new LinkedHashMap<>();
            (steps == null ? List.<RunStateClient.Step>of() : steps)
                    .forEach(step -> statusByStep.put(step.name(), step.status()));
            return statusByStep;
        });
    }

    /** A step of a watched run changed; other runs' steps are ignored. */
    public void changed(RunStepUpdated step) {
        Map<String, String> statusByStep = statusByStepOfRun.get(step.runId());
        if (statusByStep != null) {
            synchronized (statusByStep) {
                statusByStep.put(step.step(), step.status().wire());
            }
        }
    }

    public Optional<Progress> progress(String runId) {
        Map<String, String> statusByStep = statusByStepOfRun.get(runId);
        if (statusByStep == null) {
            return Optional.empty();
        }
        synchronized (statusByStep) {
            int ended = (int) statusByStep.values().stream().filter(ExecutionSteps::ended).count();
            String current = statusByStep.entrySet().stream().filter(step -> "running".equals(step.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            return Optional.of(new Progress(statusByStep.size(), ended, current));
        }
    }

    public void forget(String runId) {
        statusByStepOfRun.remove(runId);
    }

    static boolean ended(String status) {
        return switch (status) {
            case "success", "failed", "skipped", "cancelled", "interrupted" -> true;
            default -> false;
        };
    }
}
