package io.vigil.pipeline.dag;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vigil.pipeline.definition.PipelineDefinition;
import io.vigil.pipeline.definition.StepDefinition;

/**
 * What a run does next, decided from its steps' states alone: the pending steps to start now ({@code ready}) and
 * the pending steps to mark skipped because their condition can no longer hold ({@code skip}), each in
 * {@link StepOrder}.
 *
 * <p>A need's outcome is <em>ok</em> when it succeeded, or failed (failed, timed out, interrupted) with
 * {@code allow_failure}; <em>failed</em> when it failed without {@code allow_failure}; <em>not run</em> when it was
 * skipped or cancelled; <em>open</em> while pending or running. Then, by the step's {@code when}:
 * <ul>
 * <li>{@code on_success}: ready once every need is ok; skipped as soon as one need failed or did not run, even
 * while others still run. No needs: ready at once.
 * <li>{@code on_failure}: waits until no need is open, then ready if at least one need failed, else skipped. No
 * needs: skipped at once, there being no failure it could react to.
 * <li>{@code always}: ready once no need is open, whatever the outcomes; never skipped.
 * </ul>
 *
 * <p>Skips cascade within one call: steps are judged in {@link StepOrder} against their needs' states with this
 * call's skips already applied, so a step after a skipped one may be skipped, or (if {@code always}) ready, in the
 * same decision. Record the skips before, or with, starting the ready steps. A step missing from {@code states}
 * counts as pending; states of steps the definition lacks are ignored.
 */
public record NextSteps(List<String> ready, List<String> skip) {

    private enum Outcome { OPEN, OK, FAILED, NOT_RUN }

    private enum Verdict { START, SKIP, WAIT }

    public NextSteps {
        ready = List.copyOf(ready);
        skip = List.copyOf(skip);
    }

    public static NextSteps of(PipelineDefinition definition, Map<String, StepState> states) {
        Map<String, StepState> now = new HashMap<>(states);
        List<String> ready = new ArrayList<>();
        List<String> skip = new ArrayList<>();
        for (StepDefinition step : StepOrder.of(definition)) {
            if (now.getOrDefault(step.name(), StepState.PENDING) != StepState.PENDING) {
                continue;
            }
            switch (verdict(step, definition, now)) {
                case START -> ready.add(step.name());
                case SKIP -> {
                    skip.add(step.name());
                    now.put(step.name(), StepState.SKIPPED);
                }
                case WAIT -> { }
            }
        }
        return new NextSteps(ready, skip);
    }

    private static Verdict verdict(StepDefinition step, PipelineDefinition definition, Map<String, StepState> states) {
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (String need : step.needs()) {
            outcomes.add(outcome(definition.step(need).orElseThrow(), states.getOrDefault(need, StepState.PENDING)));
        }
        boolean open = outcomes.contains(Outcome.OPEN);
        boolean failed = outcomes.contains(Outcome.FAILED);
        return switch (step.when()) {
            case ON_SUCCESS -> failed || outcomes.contains(Outcome.NOT_RUN) ? Verdict.SKIP : open ? Verdict.WAIT : Verdict.START;
            case ON_FAILURE -> open ? Verdict.WAIT : failed ? Verdict.START : Verdict.SKIP;
            case ALWAYS -> open ? Verdict.WAIT : Verdict.START;
        };
    }

    private static Outcome outcome(StepDefinition need, StepState state) {
        if (!state.isTerminal()) {
            return Outcome.OPEN;
        } else if (state == StepState.SUCCESS || state.isFailure() && need.allowFailure()) {
            return Outcome.OK;
        }
        return state.isFailure() ? Outcome.FAILED : Outcome.NOT_RUN;
    }
}
