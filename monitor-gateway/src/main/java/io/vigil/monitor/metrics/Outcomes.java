package io.vigil.monitor.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vigil.events.Status;

/**
 * How the deployments of one project, or the runs of one pipeline, ended: each one counted once, by its latest
 * report. A repeated report, or one older than what is known (Kafka redelivers; partitions interleave), changes
 * nothing; a later report that changes a finished status moves the count. The last {@code remembered} entities
 * are kept to tell that apart; the counts of older ones stay.
 */
final class Outcomes {

    /** What is known of one deployment or run. */
    record Tracked(String id, Status status, Instant reportedAt, Instant startedAt, boolean timed) {
    }

    /** Everything needed to carry the outcomes over a restart. */
    record State(long succeeded, long failed, long otherFinished, List<Double> durations, List<Tracked> recent) {
    }

    private final int remembered;
    private final Map<String, Tracked> recent;
    private final RecentDurations durations;
    private long succeeded;
    private long failed;
    private long otherFinished;

    Outcomes(int remembered, int durationSamples) {
        this(remembered, new RecentDurations(durationSamples));
    }

    private Outcomes(int remembered, RecentDurations durations) {
        this.remembered = remembered;
        this.recent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
                return size() > Outcomes.this.remembered;
            }
        };
        this.durations = durations;
    }

    /**
     * A report of entity {@code id}: its status at {@code reportedAt}; {@code startedAt} and {@code finishedAt} when
     * the owner knows them (else the first report and the finishing report stand in). True when it changed anything.
     */
    boolean report(String id, Status status, Instant reportedAt, Instant startedAt, Instant finishedAt) {
        Tracked known = recent.get(id);
        if (known != null && isStale(known, status, reportedAt)) {
            return false;
        }
        Instant start = earliest(startedAt, known == null ? reportedAt : earliest(known.startedAt(), reportedAt));
        boolean timed = known != null && known.timed();
        if (known != null && known.status().isTerminal()) {
            count(known.status(), -1);
        }
        if (status.isTerminal()) {
            count(status, +1);
            Instant end = finishedAt != null ? finishedAt : reportedAt;
            if (!timed && end.isAfter(start)) {
                durations.add(Duration.between(start, end));
                timed = true;
            }
        }
        recent.remove(id); // re-inserted last: the most recently reported are remembered longest
        recent.put(id, new Tracked(id, status, reportedAt, start, timed));
        return true;
    }

    /** A sign of life of an entity without a status of its own (a deployment's step): it is running, if unknown. */
    void started(String id, Instant at) {
        Tracked known = recent.get(id);
        if (known == null) {
            recent.put(id, new Tracked(id, Status.RUNNING, at, at, false));
        } else if (at.isBefore(known.startedAt())) {
            recent.put(id, new Tracked(id, known.status(), known.reportedAt(), at, known.timed()));
        }
    }

    /** Older than what is known, or the same report again (at the same time, a finished status wins). */
    private static boolean isStale(Tracked known, Status status, Instant reportedAt) {
        if (reportedAt.isBefore(known.reportedAt())) {
            return true;
        }
        return reportedAt.equals(known.reportedAt()) && (status == known.status() || !status.isTerminal());
    }

    private void count(Status status, int delta) {
        switch (status) {
            case SUCCESS -> succeeded += delta;
            case FAILED -> failed += delta;
            default -> otherFinished += delta;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    boolean knows(String id) {
        return recent.containsKey(id);
    }

    long finished() {
        return succeeded + failed + otherFinished;
    }

    long succeeded() {
        return succeeded;
    }

    long failed() {
        return failed;
    }

    /** Succeeded of finished; null while nothing finished, so that "no data" never reads as 0 % or 100 %. */
    Double successRate() {
        long finished = finished();
        return finished == 0 ? null : (double) succeeded / finished;
    }

    long withStatus(Status status) {
        return recent.values().stream().filter(tracked -> tracked.status() == status).count();
    }

    RecentDurations durations() {
        return durations;
    }

    State state() {
        return new State(succeeded, failed, otherFinished, durations.samples(), new ArrayList<>(recent.values()));
    }

    static Outcomes restore(State state, int remembered, int durationSamples) {
        Outcomes outcomes = new Outcomes(remembered, RecentDurations.of(durationSamples, state.durations()));
        outcomes.succeeded = state.succeeded();
        outcomes.failed = state.failed();
        outcomes.otherFinished = state.otherFinished();
        if (state.recent() != null) {
            state.recent().forEach(tracked -> outcomes.recent.put(tracked.id(), tracked));
        }
        return outcomes;
    }
}
