package io.vigil.logs.tail;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What identifies a file's content independently of its name: the device and inode it lives on plus a SHA-256 hash
 * of its first {@code headLength} bytes (at most {@link #HEAD_BYTES}).
 * <p>
 * Device and inode alone are not enough: a deleted file's inode can be reused by a new file, and a file truncated in
 * place keeps its inode even when it is written again past its old size. A head hash alone is not enough either: two
 * different files can start with the same bytes (the same banner, the same header line). Both must agree.
 *
 * @param device the {@code unix:dev} of the file
 * @param inode the {@code unix:ino} of the file
 * @param headLength how many leading bytes {@code headHash} covers: {@code min(size, HEAD_BYTES)} when identified
 * @param headHash hex SHA-256 of the first {@code headLength} bytes (the empty-input hash when {@code headLength} is 0)
 */
public record FileIdentity(long device, long inode, long headLength, String headHash) {

    /** How many leading bytes at most are hashed: enough to tell files apart, cheap to re-read on every poll. */
    public static final int HEAD_BYTES = 1024;

    private static final String DEVICE_AND_INODE = "unix:dev,ino";
    private static final int MAX_STABLE_ATTEMPTS = 5;
    private static final int READ_BUFFER_BYTES = 8192;

    /** Identifies the file at {@code file}, following symbolic links. */
    public static FileIdentity of(Path file) throws IOException {
        return readStable(file, FileIdentity::of);
    }

    /** Identifies an already open file whose device and inode the caller knows; the channel position is untouched. */
    public static FileIdentity of(FileChannel channel, long device, long inode) throws IOException {
        MessageDigest digest = sha256();
        long hashed = digestPrefix(channel, HEAD_BYTES, digest);
        return new FileIdentity(device, inode, hashed, HexFormat.of().formatHex(digest.digest()));
    }

    /** Hashes the first {@code length} bytes of the file, or answers empty when the file is shorter than that. */
    public static Optional<String> hashHead(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return hashHead(channel, length);
        }
    }

    /** Like {@link #hashHead(Path, long)} on an open file; the channel position is untouched. */
    public static Optional<String> hashHead(FileChannel channel, long length) throws IOException {
        MessageDigest digest = sha256();
        if (digestPrefix(channel, length, digest) < length) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    /** Same device and inode: the same file, though not necessarily the same content (see the class comment). */
    public boolean sameFile(FileIdentity other) {
        return device == other.device && inode == other.inode;
    }

    /**
     * Same hash over the same number of bytes. A stored hash cannot be cut down to a shorter prefix, so identities
     * whose heads have different lengths never compare equal here: check such a file with {@link #headStillMatches}.
     */
    public boolean sameHead(FileIdentity other) {
        return headLength == other.headLength && headHash.equals(other.headHash);
    }

    /** Whether the file's first {@code headLength} bytes still hash to {@code headHash}; false if it is shorter now. */
    public boolean headStillMatches(Path file) throws IOException {
        return hashHead(file, headLength).map(headHash::equals).orElse(false);
    }

    /** Like {@link #headStillMatches(Path)} on an open file; the channel position is untouched. */
    public boolean headStillMatches(FileChannel channel) throws IOException {
        return hashHead(channel, headLength).map(headHash::equals).orElse(false);
    }

    /** Reads a file through an open channel, knowing which device and inode that channel was opened on. */
    @FunctionalInterface
    interface ChannelReader<T> {
        T read(FileChannel channel, long device, long inode) throws IOException;
    }

    /** A file opened for reading, with the device and inode it was opened on; closing closes the channel. */
    record Opened(FileChannel channel, long device, long inode) implements Closeable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Opens {@code file} knowing which file it opened. Java cannot read the inode of an open channel, so the path's
     * inode is read before and after opening: if the path was re-pointed to another file in between (a rotation
     * racing with us), the channel could be either, and the opening is retried.
     */
    static Opened openStable(Path file, LinkOption... linkOptions) throws IOException {
        OpenOption[] openOptions = Stream.concat(Stream.of(StandardOpenOption.READ), Stream.of(linkOptions))
                .toArray(OpenOption[]::new);
        for (int attempt = 1; attempt <= MAX_STABLE_ATTEMPTS; attempt++) {
            Map<String, Object> before = Files.readAttributes(file, DEVICE_AND_INODE, linkOptions);
            FileChannel channel = FileChannel.open(file, openOptions);
            if (before.equals(Files.readAttributes(file, DEVICE_AND_INODE, linkOptions))) {
                return new Opened(channel, number(before, "dev"), number(before, "ino"));
            }
            channel.close();
        }
        throw new IOException(file + " kept being replaced while it was opened");
    }

    /** Opens {@code file} as {@link #openStable} does and hands the channel with its device and inode to reader. */
    static <T> T readStable(Path file, ChannelReader<T> reader, LinkOption... linkOptions) throws IOException {
        try (Opened opened = openStable(file, linkOptions)) {
            return reader.read(opened.channel(), opened.device(), opened.inode());
        }
    }

    private static long number(Map<String, Object> attributes, String name) {
        return ((Number) attributes.get(name)).longValue();
    }

    /** Feeds up to {@code limit} leading bytes into {@code digest} with positional reads; answers how many it fed. */
    private static long digestPrefix(FileChannel channel, long limit, MessageDigest digest) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_BUFFER_BYTES, Math.max(limit, 1)));
        long fed = 0;
        while (fed < limit) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), limit - fed));
            int read = channel.read(buffer, fed);
            if (read < 0) {
                break;
            }
            digest.update(buffer.flip());
            fed += read;
        }
        return fed;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
