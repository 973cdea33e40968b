package io.vigil.pipeline.dag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.vigil.pipeline.definition.PipelineDefinition;
import io.vigil.pipeline.definition.StepDefinition;

/**
 * The steps in topological order: each after all it needs, and otherwise in the order they were declared, so a
 * run lists and starts its steps the same way every time.
 */
public final class StepOrder {

    private StepOrder() {
    }

    /** Throws {@link IllegalArgumentException} for a definition no parser let through: one whose needs form a cycle. */
    public static List<StepDefinition> of(PipelineDefinition definition) {
        List<StepDefinition> left = new ArrayList<>(definition.steps());
        List<StepDefinition> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (!left.isEmpty()) {
            StepDefinition next = left.stream().filter(step -> placed.containsAll(step.needs())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the needs of " + left.get(0).name() + " cannot be met"));
            left.remove(next);
            order.add(next);
            placed.add(next.name());
        }
        return List.copyOf(order);
    }
}
