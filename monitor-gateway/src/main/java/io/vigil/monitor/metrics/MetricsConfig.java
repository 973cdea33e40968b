package io.vigil.monitor.metrics;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the metrics ({@code vigil.metrics.*}); each is listed in the service README. */
@ConfigMapping(prefix = "vigil.metrics")
public interface MetricsConfig {

    /** How often a {@code /ws/metrics} client gets an update unless it asks for another period (1–60 s). */
    @WithDefault("5s")
    @DurationMin(seconds = 1)
    @DurationMax(seconds = 60)
    Duration defaultPeriod();

    /** How often an {@code io.vigil.metrics.snapshot} is published to {@code vigil.metrics}. */
    @WithDefault("60s")
    @DurationMin(seconds = 1)
    Duration snapshotInterval();

    /** How often the aggregates are saved to the database (they are also saved on shutdown). */
    @WithDefault("30s")
    @DurationMin(seconds = 1)
    Duration saveInterval();

    /** The window of the per-second rates (log lines, messages sent). */
    @WithDefault("60s")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 1)
    Duration rateWindow();

    /** Finished deployments (runs) per project (pipeline) that the average and p90 durations are taken over. */
    @WithDefault("100")
    @Min(1)
    @Max(10000)
    int durationSamples();

    /** Deployments (runs) per project (pipeline) remembered to count each once, however often it is reported. */
    @WithDefault("1000")
    @Min(1)
    @Max(100000)
    int remembered();
}
