package io.vigil.bench.pipeline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles (nearest rank) of samples in nanoseconds, given in milliseconds. */
final class Stats {

    private Stats() {
    }

    /** count, p50, p90, p99, max, min, mean in ms; only count when there is no sample. */
    static Map<String, Object> ms(List<Long> nanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", nanos.size());
        if (nanos.isEmpty()) {
            return out;
        }
        long[] s = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        out.put("p50", ms(rank(s, 0.50)));
        out.put("p90", ms(rank(s, 0.90)));
        out.put("p99", ms(rank(s, 0.99)));
        out.put("max", ms(s[s.length - 1]));
        out.put("min", ms(s[0]));
        out.put("mean", ms((long) Arrays.stream(s).average().orElse(0)));
        return out;
    }

    static long rank(long[] sorted, double q) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
