package io.vigil.bench.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Open-loop load: request {@code i} is due at {@code start + i / rate}, whatever happened to earlier ones. At
 * most {@code concurrency} requests are in flight; when all slots are taken the generator waits for one (never
 * past the scheduled end), so a server that cannot keep up shows as requests sent late, an achieved rate below
 * the target and requests never sent, not as a longer run. The measured window is by time: the requests
 * sent between the end of the warm-up and the scheduled end. Requests are built (and signed) before the run.
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /** Told when the measured window starts (first request sent after the warm-up) and ends (scheduled end). */
    interface Window {
        void start();

        void end();
    }

    /** Per request: when it was due and sent (nanoTime), sent (epoch ms), answered (nanoTime), and its status. */
    static final class Outcome {
        final int rate;
        final int total;
        final int durationSeconds;
        final long start;
        final long windowStart;
        final long windowEnd;
        final long[] due;
        final long[] sent;
        final long[] sentMillis;
        final long[] done;
        final int[] status;
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        final Map<Integer, String> firstBodyByStatus = new ConcurrentHashMap<>();
        int unfinished;

        Outcome(int rate, int warmupSeconds, int durationSeconds, long start) {
            this.rate = rate;
            this.total = rate * (warmupSeconds + durationSeconds);
            this.durationSeconds = durationSeconds;
            this.start = start;
            this.windowStart = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            this.windowEnd = windowStart + TimeUnit.SECONDS.toNanos(durationSeconds);
            this.due = new long[total];
            this.sent = new long[total];
            this.sentMillis = new long[total];
            this.done = new long[total];
            this.status = new int[total];
        }

        boolean ok(int i) {
            return status[i] >= 200 && status[i] < 300;
        }

        /** Sent within the measured window. */
        boolean measured(int i) {
            return sent[i] != 0 && sent[i] >= windowStart && sent[i] < windowEnd;
        }

        /** Figures over the measured window: counts, errors, rates, latency in ms, and a per-second timeline. */
        Map<String, Object> summary() {
            int planned = rate * durationSeconds;
            int sentCount = 0;
            long[] latency = new long[total];
            long[] lateness = new long[total];
            int answered = 0;
            int ok = 0;
            int okDoneInWindow = 0;
            Map<String, Integer> errors = new TreeMap<>();
            for (int i = 0; i < total; i++) {
                if (status[i] >= 200 && status[i] < 300 && done[i] >= windowStart && done[i] < windowEnd) {
                    okDoneInWindow++;
                }
                if (!measured(i)) {
                    continue;
                }
                lateness[sentCount++] = sent[i] - due[i];
                if (status[i] == 0) {
                    errors.merge("unanswered", 1, Integer::sum);
                    continue;
                }
                if (status[i] > 0) {
                    latency[answered++] = done[i] - sent[i];
                }
                if (ok(i)) {
                    ok++;
                } else if (status[i] > 0) {
                    errors.merge("HTTP " + status[i], 1, Integer::sum);
                }
            }
            if (sentCount < planned) {
                errors.put("not sent (behind schedule, all slots busy)", planned - sentCount);
            }
            failures.forEach((kind, n) -> errors.merge(kind, n.get(), Integer::sum));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("target_rate", rate);
            out.put("planned", planned);
            out.put("sent", sentCount);
            out.put("ok_2xx", ok);
            out.put("errors", errors);
            out.put("achieved_rate", Stats.round(sentCount / (double) durationSeconds));
            out.put("ok_2xx_answered_in_window_per_s", Stats.round(okDoneInWindow / (double) durationSeconds));
            out.put("http_latency_ms", Stats.of(latency, answered, 1e6));
            out.put("schedule_lag_ms", Stats.of(lateness, sentCount, 1e6));
            out.put("per_second", perSecond());
            if (!firstBodyByStatus.isEmpty()) {
                out.put("first_error_body_by_status", new TreeMap<>(firstBodyByStatus));
            }
            return out;
        }

        /** For each second of the run (warm-up included), by send time: sent, 2xx, HTTP latency p50 / p99 / max in ms. */
        List<Map<String, Object>> perSecond() {
            int seconds = (int) ((windowEnd - start) / 1_000_000_000L);
            long[][] latency = new long[seconds][total];
            int[] n = new int[seconds];
            int[] sentCount = new int[seconds];
            int[] ok = new int[seconds];
            for (int i = 0; i < total; i++) {
                if (sent[i] == 0) {
                    continue;
                }
                int s = (int) Math.min(seconds - 1, Math.max(0, (sent[i] - start) / 1_000_000_000L));
                sentCount[s]++;
                ok[s] += ok(i) ? 1 : 0;
                if (status[i] > 0) {
                    latency[s][n[s]++] = done[i] - sent[i];
                }
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (int s = 0; s < seconds; s++) {
                Map<String, Object> stats = Stats.of(latency[s], n[s], 1e6);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("second", s);
                row.put("sent", sentCount[s]);
                row.put("ok", ok[s]);
                row.put("p50_ms", stats.get("p50"));
                row.put("p99_ms", stats.get("p99"));
                row.put("max_ms", stats.get("max"));
                out.add(row);
            }
            return out;
        }
    }

    static Outcome run(Http http, IntFunction<Http.Request> requests, int rate, int warmupSeconds,
            int durationSeconds, int concurrency, Window window) throws InterruptedException {
        int total = rate * (warmupSeconds + durationSeconds);
        Http.Request[] built = new Http.Request[total];
        for (int i = 0; i < total; i++) {
            built[i] = requests.apply(i);
        }
        Semaphore slots = new Semaphore(concurrency);
        Outcome out = new Outcome(rate, warmupSeconds, durationSeconds,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
        boolean windowStarted = false;
        for (int i = 0; i < total; i++) {
            long due = out.start + (long) i * 1_000_000_000L / rate;
            out.due[i] = due;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // overshoots by tens of µs; requests that fell due meanwhile go at once
            }
            // all slots taken: wait for one, but never past the scheduled end, so a case lasts as planned
            if (!slots.tryAcquire(Math.max(0, out.windowEnd - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            long now = System.nanoTime();
            if (now >= out.windowEnd) {
                slots.release();
                break;
            }
            if (!windowStarted && now >= out.windowStart) {
                window.start();
                windowStarted = true;
            }
            final int index = i;
            out.sentMillis[i] = System.currentTimeMillis();
            out.sent[i] = System.nanoTime();
            http.send(built[i]).onComplete(answer -> {
                out.done[index] = System.nanoTime();
                if (answer.succeeded()) {
                    int status = answer.result().status();
                    out.status[index] = status;
                    if (status >= 300) {
                        out.firstBodyByStatus.putIfAbsent(status, abbreviate(answer.result().text()));
                    }
                } else {
                    out.status[index] = -1;
                    out.failures.computeIfAbsent(answer.cause().getClass().getSimpleName(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                slots.release();
            });
            built[i] = null;
        }
        long untilEnd = out.windowEnd - System.nanoTime();
        if (untilEnd > 0) {
            TimeUnit.NANOSECONDS.sleep(untilEnd);
        }
        if (!windowStarted) {
            window.start();
        }
        window.end();
        // every request has a timeout, so this ends; the margin covers the slowest answer
        if (!slots.tryAcquire(concurrency, 60, TimeUnit.SECONDS)) {
            out.unfinished = concurrency - slots.availablePermits();
        }
        return out;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
