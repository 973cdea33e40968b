package io.vigil.logs.mask;

import java.util.Arrays;

import io.vigil.logs.mask.SecretMasker.Masked;

/**
 * The ranges of one line found to be secret, in any order and possibly overlapping. Made only when a first
 * range is found ({@link #add(Spans, int, int)} takes {@code null}), so that a clean line allocates nothing.
 */
final class Spans {

    static final String MASK = "***";

    /** start in the high half, end in the low half: sorting the longs sorts by start. */
    private long[] ranges = new long[4];
    private int size;

    private Spans() {
    }

    /** {@code spans}, or new ones when {@code null}, with {@code [start, end)} added; empty ranges are left out. */
    static Spans add(Spans spans, int start, int end) {
        if (start >= end) {
            return spans;
        }
        Spans to = spans == null ? new Spans() : spans;
        if (to.size == to.ranges.length) {
            to.ranges = Arrays.copyOf(to.ranges, to.size * 2);
        }
        to.ranges[to.size++] = (long) start << 32 | end;
        return to;
    }

    /** {@code line} with each run of overlapping ranges replaced by one mask. */
    Masked apply(String line, MaskState after) {
        long[] sorted = Arrays.copyOf(ranges, size);
        Arrays.sort(sorted);
        StringBuilder text = new StringBuilder(line.length());
        int count = 0;
        int copied = 0;
        int i = 0;
        while (i < sorted.length) {
            int start = (int) (sorted[i] >>> 32);
            int end = (int) sorted[i];
            for (i++; i < sorted.length && (int) (sorted[i] >>> 32) < end; i++) {
                end = Math.max(end, (int) sorted[i]);
            }
            text.append(line, copied, start).append(MASK);
            copied = end;
            count++;
        }
        text.append(line, copied, line.length());
        return new Masked(text.toString(), count, after);
    }
}
