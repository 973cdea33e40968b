package io.vigil.pipeline.definition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When a step runs, judged on how its needs ended; written {@code on_success}, {@code on_failure}, {@code always}.
 * {@link io.vigil.pipeline.dag.NextSteps} states the exact rules.
 */
public enum When {
    ON_SUCCESS, ON_FAILURE, ALWAYS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<When> fromWire(String wire) {
        return Arrays.stream(values()).filter(w -> w.wire().equals(wire)).findFirst();
    }
}
