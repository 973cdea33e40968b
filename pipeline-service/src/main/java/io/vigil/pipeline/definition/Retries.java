package io.vigil.pipeline.definition;

import java.time.Duration;

/** How often a failed step is tried again, and how long to wait before each new try. */
public record Retries(int count, Duration backoff) {

    public static final Retries NONE = new Retries(0, Duration.ZERO);

    public Retries {
        backoff = backoff == null ? Duration.ZERO : backoff;
    }
}
