package io.vigil.monitor.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One message for the hub to fan out: the channels it goes to, what filters look at (type, project), its place in
 * its subject's sequence, and how to write it. The text is written once, on first need, and shared by every client;
 * when no client wants it, it is never written.
 *
 * <p>A sequenced publication covers the seqs {@code firstSeq..lastSeq} (a run event covers one seq, a batch of log
 * lines the offsets of its lines). One covering more than one seq needs a {@link Slicer}, so a resuming client can
 * be sent only the part it has not seen. An unsequenced one (a log task's status, a metrics update) has seq 0.
 */
public final class Publication {

    /** Writes the part {@code from..to} of a multi-seq publication, e.g. the lines of a log batch from one offset on. */
    @FunctionalInterface
    public interface Slicer {
        Supplier<String> slice(long from, long to);
    }

    private final List<Channel> channels;
    private final String type;
    private final String project;
    private final long firstSeq;
    private final long lastSeq;
    private final Supplier<String> encoder;
    private final Slicer slicer;
    private final Instant eventTime;
    private volatile String text;
    private byte[] utf8;

    private Publication(List<Channel> channels, String type, String project, long firstSeq, long lastSeq,
            Supplier<String> encoder, Slicer slicer, Instant eventTime) {
        this.channels = channels;
        this.type = type;
        this.project = project;
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
        this.encoder = Objects.requireNonNull(encoder, "an encoder is required");
        this.slicer = slicer;
        this.eventTime = eventTime;
    }

    /** Starts a publication to one or more channels. */
    public static Builder to(Channel channel, Channel... more) {
        List<Channel> channels = new ArrayList<>(1 + more.length);
        channels.add(Objects.requireNonNull(channel, "a channel is required"));
        for (Channel other : more) {
            if (!channels.contains(Objects.requireNonNull(other, "a channel is required"))) {
                channels.add(other);
            }
        }
        return new Builder(List.copyOf(channels));
    }

    public List<Channel> channels() {
        return channels;
    }

    /** The short type filters match ({@code run.updated}); null when it has none. */
    public String type() {
        return type;
    }

    /** The project it concerns; null when it names none. */
    public String project() {
        return project;
    }

    /** When the event it carries happened (its CloudEvents {@code time}), for the event-age metric; else null. */
    public Instant eventTime() {
        return eventTime;
    }

    public boolean sequenced() {
        return firstSeq > 0;
    }

    public long firstSeq() {
        return firstSeq;
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** The message text, written by the encoder on the first call only. */
    public String text() {
        String written = text;
        if (written == null) {
            synchronized (this) {
                written = text;
                if (written == null) {
                    written = Objects.requireNonNull(encoder.get(), "the encoder wrote null");
                    utf8 = written.getBytes(StandardCharsets.UTF_8);
                    text = written;
                }
            }
        }
        return written;
    }

    /** The text's size in UTF-8, what the queue's byte bound counts. Writes the text if not written yet. */
    public int bytes() {
        return utf8().length;
    }

    /**
     * The text in UTF-8, encoded once for every client (writes the text if not written yet). Shared by every
     * transport that sends it: read it, never change it.
     */
    public byte[] utf8() {
        text(); // the volatile read of text orders the read of utf8 after its write
        return utf8;
    }

    /** The same publication narrowed to {@code from..to}, written by the slicer. */
    public Publication slice(long from, long to) {
        if (from == firstSeq && to == lastSeq) {
            return this;
        }
        if (from < firstSeq || to > lastSeq || from > to) {
            throw new IllegalArgumentException(from + ".." + to + " is not within " + firstSeq + ".." + lastSeq);
        }
        return new Publication(channels, type, project, from, to, slicer.slice(from, to), slicer, eventTime);
    }

    static int utf8Length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "Publication" + channels + (type == null ? "" : " " + type)
                + (sequenced() ? " seq " + firstSeq + (lastSeq == firstSeq ? "" : ".." + lastSeq) : "");
    }

    /** Collects what filters and resuming look at; {@link #encodedBy} finishes it. */
    public static final class Builder {

        private final List<Channel> channels;
        private String type;
        private String project;
        private long firstSeq;
        private long lastSeq;
        private Slicer slicer;
        private Instant eventTime;

        private Builder(List<Channel> channels) {
            this.channels = channels;
        }

        /** The type filters match; a CloudEvents type is shortened ({@code io.vigil.run.updated} → {@code run.updated}). */
        public Builder type(String type) {
            this.type = Filter.shortName(type);
            return this;
        }

        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /** Its sequence number (run event seq, 1 or more). */
        public Builder seq(long seq) {
            return seq(seq, seq, null);
        }

        /** The seqs it covers, e.g. the offsets of a batch of log lines, and how to write a part of it. */
        public Builder seq(long first, long last, Slicer slicer) {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("seqs run from 1 upwards, got " + first + ".." + last);
            }
            if (last > first && slicer == null) {
                throw new IllegalArgumentException("a publication covering " + first + ".." + last + " needs a slicer");
            }
            this.firstSeq = first;
            this.lastSeq = last;
            this.slicer = slicer;
            return this;
        }

        /** When the event it carries happened, so the gateway can tell how old it is when written to a client. */
        public Builder eventTime(Instant eventTime) {
            this.eventTime = eventTime;
            return this;
        }

        /** The publication, written by {@code encoder} once, on first need. */
        public Publication encodedBy(Supplier<String> encoder) {
            return new Publication(channels, type, project, firstSeq, lastSeq, encoder, slicer, eventTime);
        }
    }
}
