package io.vigil.pipeline.definition;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a pipeline: a shell command, the steps it needs finished first, and how it is run.
 * {@code workdir} (relative to the run's directory) and {@code timeout} are null when not given.
 */
public record StepDefinition(
        String name,
        String run,
        List<String> needs,
        Map<String, String> env,
        String workdir,
        Duration timeout,
        Retries retries,
        boolean allowFailure,
        When when) {

    public StepDefinition {
        needs = needs == null ? List.of() : List.copyOf(needs);
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
        retries = retries == null ? Retries.NONE : retries;
        when = when == null ? When.ON_SUCCESS : when;
    }
}
