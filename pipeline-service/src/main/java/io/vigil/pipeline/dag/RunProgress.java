package io.vigil.pipeline.dag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vigil.events.Status;
import io.vigil.pipeline.definition.PipelineDefinition;
import io.vigil.pipeline.definition.StepDefinition;

/**
 * Where a run stands, judged on its steps' states as they will be once the skips {@link NextSteps} decides are
 * recorded. The status is {@code running} while a step runs or can still start; then {@code failed} if a step
 * without {@code allow_failure} failed, timed out or was interrupted; else {@code cancelled} if a step was
 * cancelled; else {@code success} (skipped steps and allowed failures are fine). A failure outranks a cancellation:
 * it is what the run found, the cancellation only what stopped the rest. {@code percent} is the share of steps that
 * ended, rounded down.
 */
public record RunProgress(Status status, int percent) {

    public static RunProgress of(PipelineDefinition definition, Map<String, StepState> states) {
        Map<String, StepState> settled = new HashMap<>(states);
        NextSteps.of(definition, states).skip().forEach(step -> settled.put(step, StepState.SKIPPED));
        List<StepDefinition> steps = definition.steps();
        long ended = steps.stream().filter(step -> state(settled, step).isTerminal()).count();
        int percent = steps.isEmpty() ? 100 : (int) (ended * 100 / steps.size());
        if (ended < steps.size()) {
            return new RunProgress(Status.RUNNING, percent);
        } else if (steps.stream().anyMatch(step -> !step.allowFailure() && state(settled, step).isFailure())) {
            return new RunProgress(Status.FAILED, percent);
        } else if (steps.stream().anyMatch(step -> state(settled, step) == StepState.CANCELLED)) {
            return new RunProgress(Status.CANCELLED, percent);
        }
        return new RunProgress(Status.SUCCESS, percent);
    }

    private static StepState state(Map<String, StepState> states, StepDefinition step) {
        return states.getOrDefault(step.name(), StepState.PENDING);
    }
}
