package io.vigil.monitor.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The rate of a counter that only grows (messages the hub sent), from readings taken whenever someone asks: the
 * growth since the oldest reading within the window (or, when none is that recent, the last one before it). With
 * no earlier reading it is 0.
 */
final class CounterRate {

    private record Reading(Instant at, long total) {
    }

    private final Duration window;
    private final ArrayDeque<Reading> readings = new ArrayDeque<>();

    CounterRate(Duration window) {
        this.window = window;
    }

    synchronized double perSecond(Instant now, long total) {
        Instant oldestKept = now.minus(window);
        while (readings.size() > 1 && readings.peekFirst().at().isBefore(oldestKept)) {
            readings.removeFirst();
        }
        Reading oldest = readings.peekFirst();
        readings.addLast(new Reading(now, total));
        if (oldest == null || !now.isAfter(oldest.at())) {
            return 0;
        }
        return (total - oldest.total()) / (Duration.between(oldest.at(), now).toMillis() / 1000.0);
    }
}
