package io.vigil.monitor.fanout;

/** An inclusive range of sequence numbers (run event seqs, log line offsets), {@code from <= to}. */
public record SeqRange(long from, long to) {

    public SeqRange {
        if (from > to) {
            throw new IllegalArgumentException("a range runs from its lower end: " + from + " > " + to);
        }
    }

    public long size() {
        return to - from + 1;
    }
}
