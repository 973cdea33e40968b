package io.vigil.monitor.metrics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The last {@code capacity} durations of finished deployments or runs, in seconds: their average and p90. A plain
 * window of samples rather than a Micrometer distribution, because it has to be saved and restored exactly and
 * answer "the last N", not a time-decayed estimate.
 */
final class RecentDurations {

    private final int capacity;
    private final ArrayDeque<Double> samples;

    RecentDurations(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, was " + capacity);
        }
        this.capacity = capacity;
        this.samples = new ArrayDeque<>(capacity);
    }

    void add(Duration duration) {
        add(duration.toMillis() / 1000.0);
    }

    void add(double seconds) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(seconds);
    }

    OptionalDouble average() {
        return samples.stream().mapToDouble(Double::doubleValue).average();
    }

    /** The nearest-rank percentile ({@code 0 < p <= 100}): the smallest sample at least p % of them do not exceed. */
    OptionalDouble percentile(double p) {
        if (samples.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return OptionalDouble.of(sorted[Math.max(rank, 1) - 1]);
    }

    /** Oldest first, as saved. */
    List<Double> samples() {
        return List.copyOf(samples);
    }

    static RecentDurations of(int capacity, List<Double> saved) {
        RecentDurations durations = new RecentDurations(capacity);
        if (saved != null) {
            saved.forEach(durations::add);
        }
        return durations;
    }
}
