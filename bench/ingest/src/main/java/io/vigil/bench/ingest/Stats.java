package io.vigil.bench.ingest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles (nearest rank) of a set of samples. */
final class Stats {

    private Stats() {
    }

    /** p50/p90/p99/max/mean and the count of {@code values} (any unit), divided by {@code scale}; empty when none. */
    static Map<String, Object> of(long[] values, int count, double scale) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count);
        if (count == 0) {
            return out;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        out.put("p50", round(rank(sorted, 0.50) / scale));
        out.put("p90", round(rank(sorted, 0.90) / scale));
        out.put("p99", round(rank(sorted, 0.99) / scale));
        out.put("p999", round(rank(sorted, 0.999) / scale));
        out.put("max", round(sorted[sorted.length - 1] / scale));
        out.put("mean", round(sum / sorted.length / scale));
        out.put("min", round(sorted[0] / scale));
        return out;
    }

    private static double rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
