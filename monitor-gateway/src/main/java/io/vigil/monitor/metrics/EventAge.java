package io.vigil.monitor.metrics;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * {@code vigil_gateway_event_age_seconds}: from an event's {@code time} to the moment its message was written to a
 * client's socket, the latency a dashboard sees. Recorded where the socket write completes, in the per-connection
 * sink, which is made outside any bean; hence Micrometer's global registry, which Quarkus feeds to its own.
 */
public final class EventAge {

    private static final Timer AGE = Timer.builder("vigil.gateway.event.age")
            .description("From an event's time to its message written to a client's socket")
            .publishPercentileHistogram()
            .register(Metrics.globalRegistry);

    private EventAge() {
    }

    /** One message of an event of {@code eventTime} was written at {@code written}; a clock skew counts as 0. */
    public static void record(Instant eventTime, Instant written) {
        Duration age = Duration.between(eventTime, written);
        AGE.record(age.isNegative() ? Duration.ZERO : age);
    }
}
