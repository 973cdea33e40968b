package io.vigil.monitor.fanout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Hands one resuming client over from history to the live stream with no gap and no duplicate, by sequence number.
 *
 * <p>The client is subscribed live first; until its history arrives, live messages are {@linkplain #live buffered}.
 * {@link #history} then returns what to send, in order: history (seq &gt; {@code after}, sorted, deduplicated), then
 * the buffered live messages history did not already cover (sorted, deduplicated, multi-seq ones cut down to their
 * new part), and whether the two met. From then on {@link #live} passes each message through unless the client
 * already has it (a late copy of a history message, a redelivery), so out-of-order arrivals are delivered once, as
 * they come.
 *
 * <p>Unsequenced messages (a log task's status) stay where they arrived relative to the sequenced ones: while
 * buffering, after the highest seq that arrived before them. They are never deduplicated.
 *
 * <p>Not thread-safe: a {@link Connection} calls it under its own lock, so that what it returns is queued before any
 * later live message.
 */
public final class ReplaySwitch {

    /** What to send at the switch, in this order: a recovery notice, then {@code history}, then {@code live}. */
    public record Replay(Recovery recovery, List<Publication> history, List<Publication> live) {
    }

    private record Held(Publication publication, long anchor, int order) {
    }

    /** By first seq (an unsequenced message: the highest seq before it), then as they arrived. */
    private static final Comparator<Held> IN_SEQ_ORDER = Comparator.comparingLong(Held::anchor)
            .thenComparingInt(Held::order);

    private final long after;
    private final DeliveredSeqs delivered;
    private List<Held> buffer = new ArrayList<>();
    private long highestBuffered;
    private long bufferedBytes;

    /** A client that has every seq up to and including {@code after} (0: none). */
    public ReplaySwitch(long after) {
        if (after < 0) {
            throw new IllegalArgumentException("resume from 0 or more, was " + after);
        }
        this.after = after;
        this.delivered = new DeliveredSeqs(after);
        this.highestBuffered = after;
    }

    public long after() {
        return after;
    }

    /** True once history was handled; live messages then pass straight through. */
    public boolean switched() {
        return buffer == null;
    }

    /**
     * A live message. Before the switch it is buffered (or dropped when the client had it) and nothing is returned;
     * after, it is returned unless already delivered, cut down to the part not yet delivered when it covers several seqs.
     */
    public List<Publication> live(Publication publication) {
        if (buffer == null) {
            List<Publication> out = new ArrayList<>(1);
            emit(publication, out);
            return out;
        }
        if (publication.sequenced()) {
            if (publication.lastSeq() <= after) {
                return List.of();
            }
            buffer.add(new Held(publication, publication.firstSeq(), buffer.size()));
            highestBuffered = Math.max(highestBuffered, publication.lastSeq());
        } else {
            buffer.add(new Held(publication, highestBuffered, buffer.size()));
        }
        bufferedBytes += publication.bytes();
        return List.of();
    }

    /** Live messages held back, waiting for history. */
    public int bufferedCount() {
        return buffer == null ? 0 : buffer.size();
    }

    /** Their size in UTF-8. */
    public long bufferedBytes() {
        return buffer == null ? 0 : bufferedBytes;
    }

    /**
     * The lowest seq buffered so far: history needs to reach just below it (and no further) for the switch to
     * recover fully. Empty while nothing sequenced is buffered.
     */
    public OptionalLong firstBufferedSeq() {
        if (buffer == null) {
            return OptionalLong.empty();
        }
        return buffer.stream().filter(held -> held.publication().sequenced())
                .mapToLong(held -> held.publication().firstSeq()).min();
    }

    /**
     * The history the owner returned (seq &gt; {@code after}; anything else, and duplicates, are dropped). Returns
     * what to send; afterwards {@link #live} passes messages through.
     *
     * <p>Recovery is incomplete when some seq between the client's {@code after} and the first buffered live seq (or
     * the end of history, when nothing was buffered) is in neither: the missing range runs from the first such seq to
     * the last. A hole above the first buffered seq (live messages arriving out of order) is not reported: the late
     * message is delivered when it comes.
     */
    public Replay history(List<Publication> history) {
        if (buffer == null) {
            throw new IllegalStateException("the switch to live happened already");
        }
        List<Publication> sent = new ArrayList<>(history.size());
        for (Held held : inSeqOrder(history)) {
            emit(held.publication(), sent);
        }

        List<Held> live = buffer;
        live.sort(IN_SEQ_ORDER);
        buffer = null;
        bufferedBytes = 0;

        long firstLive = 0;
        for (Held held : live) {
            Publication publication = held.publication();
            if (publication.sequenced()) {
                List<SeqRange> missing = delivered.missingIn(publication.firstSeq(), publication.lastSeq());
                if (!missing.isEmpty()) {
                    firstLive = missing.get(0).from();
                    break;
                }
            }
        }
        List<Publication> then = new ArrayList<>(live.size());
        for (Held held : live) {
            emit(held.publication(), then);
        }
        return new Replay(recoveryBelow(firstLive > 0 ? firstLive : delivered.highest() + 1), sent, then);
    }

    /** Whether every seq from {@code after + 1} to just below {@code boundary} was delivered. */
    private Recovery recoveryBelow(long boundary) {
        if (boundary <= after + 1) {
            return Recovery.COMPLETE;
        }
        List<SeqRange> holes = delivered.missingIn(after + 1, boundary - 1);
        return holes.isEmpty() ? Recovery.COMPLETE
                : Recovery.missing(holes.get(0).from(), holes.get(holes.size() - 1).to());
    }

    private List<Held> inSeqOrder(List<Publication> publications) {
        List<Held> held = new ArrayList<>(publications.size());
        long highest = after;
        for (Publication publication : publications) {
            if (publication.sequenced()) {
                held.add(new Held(publication, publication.firstSeq(), held.size()));
                highest = Math.max(highest, publication.lastSeq());
            } else {
                held.add(new Held(publication, highest, held.size()));
            }
        }
        held.sort(IN_SEQ_ORDER);
        return held;
    }

    private void emit(Publication publication, List<Publication> out) {
        if (!publication.sequenced()) {
            out.add(publication);
            return;
        }
        List<SeqRange> missing = delivered.missingIn(publication.firstSeq(), publication.lastSeq());
        for (SeqRange part : missing) {
            out.add(publication.slice(part.from(), part.to()));
        }
        if (!missing.isEmpty()) {
            delivered.add(publication.firstSeq(), publication.lastSeq());
        }
    }
}
