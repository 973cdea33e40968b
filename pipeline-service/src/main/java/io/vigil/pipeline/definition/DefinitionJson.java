package io.vigil.pipeline.definition;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a definition as canonical JSON: every field present in a fixed order, durations in ISO-8601, so that
 * one definition always stores as the same text and {@link DefinitionParser} reads it back equal.
 */
final class DefinitionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DefinitionJson() {
    }

    static String write(PipelineDefinition definition) {
        ObjectNode root = MAPPER.createObjectNode().put("name", definition.name());
        root.set("params", object(definition.params()));
        if (definition.trigger() != null) {
            ObjectNode trigger = root.putObject("trigger").put("project", definition.trigger().project());
            if (definition.trigger().status() != null) {
                trigger.put("status", definition.trigger().status().wire());
            }
        }
        ArrayNode steps = root.putArray("steps");
        for (StepDefinition step : definition.steps()) {
            ObjectNode node = steps.addObject().put("name", step.name()).put("run", step.run());
            step.needs().forEach(node.putArray("needs")::add);
            node.set("env", object(step.env()));
            if (step.workdir() != null) {
                node.put("workdir", step.workdir());
            }
            if (step.timeout() != null) {
                node.put("timeout", step.timeout().toString());
            }
            node.putObject("retries").put("count", step.retries().count()).put("backoff", step.retries().backoff().toString());
            node.put("allow_failure", step.allowFailure()).put("when", step.when().wire());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, numbers and booleans always writes", e);
        }
    }

    private static ObjectNode object(Map<String, String> values) {
        ObjectNode node = MAPPER.createObjectNode();
        values.forEach(node::put);
        return node;
    }
}
