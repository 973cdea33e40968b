package io.vigil.pipeline.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline as its author defined it: parameters with their defaults, an optional deployment trigger (null when
 * none), and steps forming a DAG through their needs. This record checks nothing; {@link DefinitionParser} makes
 * the valid ones, and {@link #fromJson} reads back what {@link #toJson} stored.
 */
public record PipelineDefinition(String name, Map<String, String> params, Trigger trigger, List<StepDefinition> steps) {

    public PipelineDefinition {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        steps = List.copyOf(steps);
    }

    public Optional<StepDefinition> step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }

    /** The canonical JSON form, to store: every field written out, durations in ISO-8601. */
    public String toJson() {
        return DefinitionJson.write(this);
    }

    public static PipelineDefinition fromJson(String json) {
        return DefinitionParser.parse(json, DefinitionFormat.JSON);
    }
}
