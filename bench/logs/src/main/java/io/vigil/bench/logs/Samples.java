package io.vigil.bench.logs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latencies in microseconds, summarised as nearest-rank percentiles in milliseconds. Not thread-safe. (bench/pipeline
 * has its own Stats, over nanoseconds: both would move to a shared bench module if a third harness needs them.)
 */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    int size() {
        return size;
    }

    /** count, p50, p90, p99, p99.9, max, min, mean (ms); only count when empty. */
    Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", size);
        if (size == 0) {
            return out;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        out.put("p50", ms(rank(sorted, 0.50)));
        out.put("p90", ms(rank(sorted, 0.90)));
        out.put("p99", ms(rank(sorted, 0.99)));
        out.put("p999", ms(rank(sorted, 0.999)));
        out.put("max", ms(sorted[size - 1]));
        out.put("min", ms(sorted[0]));
        out.put("mean", ms(Math.round(Arrays.stream(sorted).average().orElse(0))));
        return out;
    }

    private static long rank(long[] sorted, double q) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
