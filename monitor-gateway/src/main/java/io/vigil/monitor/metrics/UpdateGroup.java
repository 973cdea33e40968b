package io.vigil.monitor.metrics;

import java.time.Duration;

/**
 * The clients that get the same {@code metrics_update} text: one message shape, one period. Each group is one
 * message type on the hub's {@code metrics} channel, so every snapshot is written once for all of its clients.
 */
public record UpdateGroup(Shape shape, int seconds) {

    /** The periods a client may ask for, in whole seconds. */
    public static final int MIN_SECONDS = 1;
    public static final int MAX_SECONDS = 60;

    /** Which message a group's clients read. */
    public enum Shape {
        /** {@code /ws/metrics}: Vigil's envelope. */
        VIGIL,
        /** {@code /api/v1/group-ai/monitor/ws/metrics}: the replaced system's shape. */
        LEGACY
    }

    public UpdateGroup {
        if (shape == null) {
            throw new IllegalArgumentException("a shape is required");
        }
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("period must be " + MIN_SECONDS + " to " + MAX_SECONDS
                    + " seconds, was " + seconds);
        }
    }

    public Duration period() {
        return Duration.ofSeconds(seconds);
    }

    /** The hub message type of the group's updates, what its clients' filter lets through. */
    public String messageType() {
        return shape.name().toLowerCase(java.util.Locale.ROOT) + "_metrics_update/" + seconds + "s";
    }

    public String encode(MetricsReport report) {
        return shape == Shape.VIGIL ? MetricsMessages.update(report) : MetricsMessages.legacyUpdate(report);
    }
}
