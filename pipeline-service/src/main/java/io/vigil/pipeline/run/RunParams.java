package io.vigil.pipeline.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.pipeline.definition.PipelineDefinition;

/** A run's parameters: the pipeline's defaults, overridden by those the run was started with. */
final class RunParams {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunParams() {
    }

    /** The run's values; a name the pipeline does not declare is refused, naming it. */
    static Map<String, String> resolve(PipelineDefinition definition, Map<String, String> given) {
        Map<String, String> values = new TreeMap<>(definition.params());
        for (Map.Entry<String, String> entry : given.entrySet()) {
            if (!definition.params().containsKey(entry.getKey())) {
                throw new RunRefused("/params/" + entry.getKey(), "is not a parameter of pipeline " + definition.name()
                        + (definition.params().isEmpty() ? " (it has none)" : "; it has " + definition.params().keySet()));
            }
            if (entry.getValue() == null || entry.getValue().indexOf('\0') >= 0) {
                throw new RunRefused("/params/" + entry.getKey(), "must be a string without NUL characters");
            }
            values.put(entry.getKey(), entry.getValue());
        }
        return values;
    }

    static String toJson(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run parameters are not JSON", e);
        }
    }
}
