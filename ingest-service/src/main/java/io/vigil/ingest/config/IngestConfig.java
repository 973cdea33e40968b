package io.vigil.ingest.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings of ingest-service ({@code vigil.ingest.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** The outbox relay. */
    Outbox outbox();

    interface Outbox {
        /** How often unconfirmed events are looked for and sent again. */
        @WithDefault("5s")
        Duration sweepInterval();

        /** How old an unconfirmed event must be before the sweep sends it again (the fast path gets this long). */
        @WithDefault("10s")
        Duration sweepAfter();

        /** Most events one sweep sends. */
        @WithDefault("500")
        @Min(1)
        @Max(10_000)
        int sweepBatch();
    }
}
