package io.vigil.pipeline.process;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A step's log file: its output up to {@code cap} bytes, then one line saying it was cut there; later output is
 * dropped, so the reader keeps draining the pipe and the process never blocks on a full one. Vigil's own notes
 * ({@code [vigil] ...}) start on a line of their own and are not counted against the cap.
 *
 * <p>Written by the output reader and, at the end, by the step's supervisor, hence synchronized. A failing disk
 * does not stop the reader either: the first error is kept for the outcome and writing stops.
 */
final class CappedLog extends OutputStream {

    private final Path path;
    private final OutputStream file;
    private final long cap;
    private long kept;
    private long written;
    private byte last = '\n';
    private boolean truncated;
    private boolean closed;
    private IOException failure;

    private CappedLog(Path path, OutputStream file, long cap) {
        this.path = path;
        this.file = file;
        this.cap = cap;
    }

    /** Creates (or empties) the file, and the directories above it. */
    static CappedLog open(Path path, long cap) throws IOException {
        Files.createDirectories(path.getParent());
        return new CappedLog(path, new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024), cap);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (truncated) {
            return;
        }
        int taken = (int) Math.min(length, cap - kept);
        put(bytes, offset, taken);
        kept += taken;
        if (taken < length) {
            truncated = true;
            note("output truncated at " + cap + " bytes");
        }
    }

    /** A line of Vigil's own, after whatever the step wrote. */
    synchronized void note(String text) {
        byte[] line = ((last == '\n' ? "" : "\n") + "[vigil] " + text + "\n").getBytes(UTF_8);
        put(line, 0, line.length);
    }

    @Override
    public synchronized void flush() {
        if (!closed && failure == null) {
            try {
                file.flush();
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    /** Later writes, from a reader still draining what a detached process prints, are dropped. */
    @Override
    public synchronized void close() {
        flush();
        closed = true;
        try {
            file.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
    }

    /** Closes and removes the file: for a step that never ran, which has no log. */
    synchronized void discard() {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
    }

    /** Bytes in the file: output kept and notes. */
    synchronized long written() {
        return written;
    }

    synchronized boolean truncated() {
        return truncated;
    }

    /** The first error writing the file, or null. */
    synchronized IOException failure() {
        return failure;
    }

    private void put(byte[] bytes, int offset, int length) {
        if (length == 0 || closed || failure != null) {
            return;
        }
        try {
            file.write(bytes, offset, length);
            written += length;
            last = bytes[offset + length - 1];
        } catch (IOException e) {
            failure = e;
        }
    }
}
