package io.vigil.logs.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.vigil.logs.source.LogSource;
import io.vigil.logs.tail.Checkpoint;
import io.vigil.logs.tail.FileTailer;
import io.vigil.logs.tail.TailedLine;

/** A log file being tailed for its task, and what was last recorded of it. */
final class TailedFile {

    private static final Logger LOG = Logger.getLogger(TailedFile.class);
    /** How much of a file one drained batch takes at most: a task may end with a large unread backlog. */
    static final long DRAIN_BYTES = 16L << 20;

    /** What a closed file looked like, to reopen it only once it changed. */
    record Seen(long size, long modified) {
    }

    private final LogSource source;
    private final String task;
    private final Path path;
    private final FileTailer tailer;
    private Checkpoint recorded;
    private Checkpoint pending;
    private long lastChange;
    private long partialSince;
    private Checkpoint partialAfter;
    private boolean behind;

    TailedFile(LogSource source, String task, Path path, FileTailer tailer, long now) {
        this.source = source;
        this.task = task;
        this.path = path;
        this.tailer = tailer;
        this.recorded = tailer.checkpoint();
        this.lastChange = now;
    }

    String task() {
        return task;
    }

    Path path() {
        return path;
    }

    long lastChange() {
        return lastChange;
    }

    /**
     * What is new since the last record, at most about {@code limit} bytes: the lines read (a line that waited
     * for its newline longer than {@code flushAfterNanos} among them) and the checkpoint after them; empty when
     * nothing changed. A line waits from when reading reached it, not from when some earlier line was partial.
     */
    Optional<LineRecorder.Batch> read(int limit, long flushAfterNanos, long now) throws IOException {
        long before = tailer.bytesRead();
        List<TailedLine> lines = new ArrayList<>(tailer.poll(limit));
        behind = tailer.bytesRead() - before >= limit;
        Checkpoint reached = tailer.checkpoint();
        if (!tailer.hasPartial()) {
            partialSince = 0;
        } else if (partialSince == 0 || !reached.equals(partialAfter)) {
            partialSince = now; // a partial line after other lines is a new one: it waits from now
            partialAfter = reached;
        } else if (now - partialSince >= flushAfterNanos) {
            tailer.flushPartial().ifPresent(lines::add);
            partialSince = 0;
        }
        Checkpoint checkpoint = tailer.checkpoint();
        if (lines.isEmpty() && checkpoint.equals(recorded)) {
            return Optional.empty();
        }
        pending = checkpoint;
        lastChange = now;
        return Optional.of(batch(lines, checkpoint, false));
    }

    /** Whether the last read stopped at its limit: more is there, read it without waiting for a change. */
    boolean behind() {
        return behind;
    }

    /** The batch just read was recorded. */
    void recorded() {
        recorded = pending;
    }

    /**
     * What is left in the file, up to its end and a last line without newline included, to finish the task with;
     * at most about {@code DRAIN_BYTES} at a time ({@code drained} false then: drain again).
     */
    LineRecorder.Batch drain() throws IOException {
        List<TailedLine> lines = new ArrayList<>();
        long start = tailer.bytesRead();
        long before;
        do {
            before = tailer.bytesRead();
            lines.addAll(tailer.poll());
            if (tailer.bytesRead() - start >= DRAIN_BYTES) {
                pending = tailer.checkpoint();
                return batch(lines, pending, false);
            }
        } while (tailer.bytesRead() != before);
        tailer.flushPartial().ifPresent(lines::add);
        pending = tailer.checkpoint();
        return batch(lines, pending, true);
    }

    private LineRecorder.Batch batch(List<TailedLine> lines, Checkpoint checkpoint, boolean drained) {
        return new LineRecorder.Batch(source, task, path.toString(), lines, checkpoint, drained);
    }

    void close() {
        try {
            tailer.close();
        } catch (IOException e) {
            LOG.debugf("closing %s: %s", path, e.getMessage());
        }
    }

    static Optional<Seen> seen(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Seen(attributes.size(), attributes.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
