package io.vigil.monitor.workflows;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings of the event log and the APIs that read it ({@code vigil.event-log.*}); listed in the README. */
@ConfigMapping(prefix = "vigil.event-log")
public interface EventLogConfig {

    /** How long an event (and a workflow not heard of since) is kept. */
    @WithDefault("7d")
    Duration retention();

    /** How often events older than the retention are deleted. */
    @WithDefault("1h")
    Duration sweepInterval();

    /** Events that may wait for the writer; beyond, new ones are dropped and counted, the feed never waits. */
    @WithDefault("10000")
    @Min(1)
    int queueCapacity();

    /** Most events one write (one transaction) stores. */
    @WithDefault("500")
    @Min(1)
    @Max(10000)
    int maxBatch();

    /** Largest page the event and workflow lists answer ({@code limit}). */
    @WithDefault("500")
    @Min(1)
    @Max(5000)
    int maxPageSize();
}
