package io.vigil.monitor.metrics;

import java.time.Duration;
import java.time.Instant;

/** A count over the last {@code window} (whole seconds), kept in one bucket per second; older seconds fall out. */
final class WindowedCount {

    private final int seconds;
    private final long[] counts;
    private final long[] epochSeconds;

    WindowedCount(Duration window) {
        this.seconds = (int) Math.max(1, window.toSeconds());
        this.counts = new long[seconds];
        this.epochSeconds = new long[seconds];
        java.util.Arrays.fill(epochSeconds, Long.MIN_VALUE);
    }

    void add(Instant at, long n) {
        long second = at.getEpochSecond();
        int slot = (int) Math.floorMod(second, (long) seconds);
        if (epochSeconds[slot] != second) {
            epochSeconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot] += n;
    }

    /** The count within the window that ends at {@code now}. */
    long total(Instant now) {
        long newest = now.getEpochSecond();
        long total = 0;
        for (int slot = 0; slot < seconds; slot++) {
            if (epochSeconds[slot] <= newest && epochSeconds[slot] > newest - seconds) {
                total += counts[slot];
            }
        }
        return total;
    }

    /** Per second, averaged over the whole window. */
    double perSecond(Instant now) {
        return (double) total(now) / seconds;
    }
}
