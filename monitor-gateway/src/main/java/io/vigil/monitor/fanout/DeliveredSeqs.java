package io.vigil.monitor.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seqs one resuming client has: everything up to a floor, plus the ranges above it that arrived out of order.
 * Usually the floor is all there is. Not thread-safe; its owner serialises calls.
 *
 * <p>If more than {@link #MAX_RANGES} separate ranges pile up above the floor (a stream that keeps skipping), the
 * lowest hole is given up on: the floor moves over it, and a late message inside it would be dropped. A bound on
 * memory, not something a healthy stream reaches.
 */
final class DeliveredSeqs {

    static final int MAX_RANGES = 1_024;

    private long floor;
    private final TreeMap<Long, Long> above = new TreeMap<>();

    DeliveredSeqs(long floor) {
        this.floor = floor;
    }

    /** Every seq up to here was delivered. */
    long floor() {
        return floor;
    }

    /** The highest seq delivered. */
    long highest() {
        return above.isEmpty() ? floor : Math.max(floor, above.lastEntry().getValue());
    }

    /** The parts of {@code first..last} not yet delivered, lowest first. */
    List<SeqRange> missingIn(long first, long last) {
        long cursor = Math.max(first, floor + 1);
        if (cursor > last) {
            return List.of();
        }
        if (above.isEmpty()) {
            return List.of(new SeqRange(cursor, last));
        }
        List<SeqRange> missing = new ArrayList<>(2);
        Map.Entry<Long, Long> before = above.floorEntry(cursor);
        if (before != null && before.getValue() >= cursor) {
            cursor = before.getValue() + 1;
        }
        for (Map.Entry<Long, Long> range : above.tailMap(cursor, true).entrySet()) {
            if (cursor > last || range.getKey() > last) {
                break;
            }
            if (range.getKey() > cursor) {
                missing.add(new SeqRange(cursor, range.getKey() - 1));
            }
            cursor = Math.max(cursor, range.getValue() + 1);
        }
        if (cursor <= last) {
            missing.add(new SeqRange(cursor, last));
        }
        return missing;
    }

    void add(long first, long last) {
        if (last <= floor) {
            return;
        }
        long from = Math.max(first, floor + 1);
        long to = last;
        Map.Entry<Long, Long> before = above.floorEntry(from);
        if (before != null && before.getValue() >= from - 1) {
            from = before.getKey();
            to = Math.max(to, before.getValue());
            above.remove(before.getKey());
        }
        Map.Entry<Long, Long> next = above.ceilingEntry(from);
        while (next != null && next.getKey() <= to + 1) {
            to = Math.max(to, next.getValue());
            above.remove(next.getKey());
            next = above.ceilingEntry(from);
        }
        if (from == floor + 1) {
            floor = to;
        } else {
            above.put(from, to);
            if (above.size() > MAX_RANGES) {
                floor = above.pollFirstEntry().getValue();
            }
        }
    }
}
