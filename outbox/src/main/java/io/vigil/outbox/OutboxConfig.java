package io.vigil.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The outbox relay's settings ({@code vigil.outbox.*}). A service using the outbox routes the outgoing channel
 * {@value OutboxRelay#CHANNEL} to its topic and creates the outbox's two tables (see this module's README).
 */
@ConfigMapping(prefix = "vigil.outbox")
public interface OutboxConfig {

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
