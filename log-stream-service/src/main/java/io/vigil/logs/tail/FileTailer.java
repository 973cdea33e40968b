package io.vigil.logs.tail;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what is appended to one path as numbered lines, following its file through rotation. From a
 * {@link Checkpoint} it reads only what is new. When the path gets another file (rename-and-create, delete and
 * create) or its file is truncated (copytruncate, or a truncation while the service was stopped, even one grown
 * back past the old size), the rest of the old content is read first, from the open file itself, or from the file
 * it was renamed to or copied into ({@link FileChange#findRotated}), and then the new file from its start: no line
 * is lost or read twice, and the numbering goes on without a gap.
 *
 * <p>While the path has no file (between a rotation's rename and the new file), the renamed file is read on, so a
 * writer that reopens its log late loses nothing. Not thread-safe: one tailer per path, on one thread.
 */
public final class FileTailer implements Closeable {

    /** Bytes read per {@link #poll()} at most, so one busy file cannot hold a poll for long. */
    static final int READ_LIMIT = 1 << 20;
    private static final int CHUNK = 64 * 1024;

    private final Path path;
    private final int maxLineBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private FileChannel channel;
    /** The file being read, or the checkpointed one until it is found again; null while there is none. */
    private FileIdentity identity;
    /** Where the splitter started in that file, and where the next read starts (after any partial line held). */
    private long base;
    private long readTo;
    private LineSplitter splitter;
    private long nextLine;
    private long bytesRead;

    /** Tails {@code path} from its start, or from {@code from} when there is a checkpoint. */
    public FileTailer(Path path, Optional<Checkpoint> from, int maxLineBytes) {
        this.path = path;
        this.maxLineBytes = maxLineBytes;
        this.identity = from.map(Checkpoint::file).orElse(null);
        this.nextLine = from.map(Checkpoint::nextLine).orElse(1L);
        startAt(from.map(Checkpoint::position).orElse(0L));
    }

    /**
     * The lines completed since the last poll, in order: the rest of a rotated file first, then the file now at
     * the path. Empty while nothing is new or there is no file.
     */
    public List<TailedLine> poll() throws IOException {
        return poll(READ_LIMIT);
    }

    /** As {@link #poll()}, reading at most about {@code limit} bytes of the file now at the path. */
    public List<TailedLine> poll(int limit) throws IOException {
        List<TailedLine> lines = new ArrayList<>();
        if (channel == null) {
            resume(lines);
        } else {
            follow(FileChange.classify(identity, position(), path), lines);
        }
        if (channel != null) {
            read(channel, limit, lines);
            refreshHead();
        }
        return lines;
    }

    /** Whether a line without its newline yet is held. */
    public boolean hasPartial() {
        return splitter.hasPartial();
    }

    /** Hands out the held partial line as it is: it waited for its newline long enough. */
    public Optional<TailedLine> flushPartial() {
        return splitter.flush().map(this::numbered);
    }

    /** Where reading stands, to store with the lines handed out so far. */
    public Checkpoint checkpoint() {
        return new Checkpoint(identity, identity == null ? 0 : position(), nextLine);
    }

    /** Bytes read from files so far, rotated ones included. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** First poll, or after a restart: goes on with the checkpointed file, or with what became of it. */
    private void resume(List<TailedLine> lines) throws IOException {
        if (identity == null) {
            open(0);
            return;
        }
        FileChange change = FileChange.classify(identity, position(), path);
        if (change instanceof FileChange.Unchanged || change instanceof FileChange.Grown) {
            open(position());
            return;
        }
        lines.addAll(restOfRotated());
        moveToNewFile();
    }

    /** While a file is open: moves on when the path has another file or this one was truncated. */
    private void follow(FileChange change, List<TailedLine> lines) throws IOException {
        if (change instanceof FileChange.Replaced) {
            read(channel, Long.MAX_VALUE, lines); // the open file is the old one, renamed or deleted: to its end
            splitter.flush().map(this::numbered).ifPresent(lines::add);
            moveToNewFile();
        } else if (change instanceof FileChange.Truncated) {
            startAt(position()); // a held partial line is read again, whole, with the rest
            lines.addAll(restOfRotated());
            moveToNewFile();
        }
        // Missing: renamed, the new file not there yet; the old one is read on
    }

    /** The lines after the checkpointed position in the file the old content went to, when it can be found. */
    private List<TailedLine> restOfRotated() throws IOException {
        List<TailedLine> lines = new ArrayList<>();
        Optional<Path> rotated = FileChange.findRotated(identity, path.toAbsolutePath().getParent(), path);
        if (rotated.isPresent()) {
            try (FileChannel old = FileChannel.open(rotated.get(), StandardOpenOption.READ)) {
                read(old, Long.MAX_VALUE, lines);
                splitter.flush().map(this::numbered).ifPresent(lines::add); // a rotated file does not grow
            }
        }
        return lines;
    }

    private void moveToNewFile() throws IOException {
        close();
        identity = null;
        open(0);
    }

    /** Opens the file at the path at {@code position}; stays closed while there is none. */
    private void open(long position) throws IOException {
        try {
            FileIdentity.Opened opened = FileIdentity.openStable(path);
            channel = opened.channel();
            identity = FileIdentity.of(channel, opened.device(), opened.inode());
            startAt(position);
        } catch (NoSuchFileException e) {
            // not there (yet): the next poll looks again
        }
    }

    private void startAt(long position) {
        base = position;
        readTo = position;
        splitter = new LineSplitter(maxLineBytes);
    }

    private long position() {
        return base + splitter.consumedBytes();
    }

    /** Reads from where the last read stopped, at most {@code limit} bytes, into numbered lines. */
    private void read(FileChannel file, long limit, List<TailedLine> lines) throws IOException {
        long taken = 0;
        while (taken < limit) {
            buffer.clear().limit((int) Math.min(CHUNK, limit - taken));
            int read = file.read(buffer, readTo);
            if (read <= 0) {
                break;
            }
            readTo += read;
            taken += read;
            bytesRead += read;
            splitter.feed(buffer.array(), 0, read).forEach(text -> lines.add(numbered(text)));
        }
    }

    /** An identity hashed while the file was shorter than a head grows with it, to keep telling files apart. */
    private void refreshHead() throws IOException {
        if (identity.headLength() < FileIdentity.HEAD_BYTES && channel.size() > identity.headLength()) {
            identity = FileIdentity.of(channel, identity.device(), identity.inode());
        }
    }

    private TailedLine numbered(String text) {
        return new TailedLine(nextLine++, text);
    }
}
