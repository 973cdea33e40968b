package io.vigil.bench.logs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Appends at a fixed rate, open loop: {@code rate × seconds} lines in batches every {@code batchMs}, batch k due at
 * start + k × batchMs whatever happened before (a late batch is written at once, never skipped, and the ones after
 * it keep their own due times). Each line is stamped with the time its batch was actually written.
 */
final class Pacer {

    private Pacer() {
    }

    /** Runs the schedule into {@code sink}; returns lines written, seconds taken and how late the batches were. */
    static Map<String, Object> run(LineSink sink, int rate, int seconds, int batchMs) throws IOException {
        long total = (long) rate * seconds;
        long batches = (long) seconds * 1000 / batchMs;
        long batchNanos = batchMs * 1_000_000L;
        Samples lateness = new Samples();
        long written = 0;
        long start = System.nanoTime();
        for (long k = 0; k < batches; k++) {
            long due = start + k * batchNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long upTo = total * (k + 1) / batches;
            int count = (int) (upTo - written);
            lateness.add((System.nanoTime() - due) / 1000);
            if (count > 0) {
                sink.append(written + 1, count, Stamp.nowMicros());
                written = upTo;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lines_written", written);
        out.put("seconds", Samples.round((System.nanoTime() - start) / 1e9));
        out.put("batches", batches);
        out.put("batch_lateness_ms", lateness.summary());
        return out;
    }

    /**
     * Appends lines 1 … {@code each} to every sink as fast as one thread can, round-robin in chunks of
     * {@code chunk} lines (one write each); returns the seconds it took.
     */
    static double burst(Iterable<? extends LineSink> sinks, long each, int chunk) throws IOException {
        long start = System.nanoTime();
        for (long first = 1; first <= each; first += chunk) {
            int count = (int) Math.min(chunk, each - first + 1);
            long micros = Stamp.nowMicros();
            for (LineSink sink : sinks) {
                sink.append(first, count, micros);
            }
        }
        return Samples.round((System.nanoTime() - start) / 1e9);
    }
}
