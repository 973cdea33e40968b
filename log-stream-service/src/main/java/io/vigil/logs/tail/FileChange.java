package io.vigil.logs.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the file now at a tailed path relates to a checkpoint (the identity of the file that was read and the byte
 * position reached in it). Each variant says where to read the file now at the path from; after {@link Truncated},
 * {@link Replaced} or {@link Missing} the rest of the checkpointed content may survive elsewhere: the caller looks
 * for it with {@link #findRotated} and reads it from the checkpointed position first, so that rotation loses nothing.
 */
public sealed interface FileChange {

    /** Same file, same head, no new bytes: read on from {@code readFrom} once it grows. */
    record Unchanged(long readFrom) implements FileChange {
    }

    /** Same file, same head, new bytes after {@code readFrom}: read on from there. */
    record Grown(long readFrom) implements FileChange {
    }

    /**
     * Same device and inode, but shorter than the checkpointed position or with another head: the file was truncated
     * in place (copytruncate, or a truncation while we were away, possibly written again past the old size). The old
     * bytes after the position are not in it any more; read it from 0.
     */
    record Truncated() implements FileChange {
        public long readFrom() {
            return 0;
        }
    }

    /** Another file is at the path (rename-and-create rotation, delete-and-create): read it from 0. */
    record Replaced() implements FileChange {
        public long readFrom() {
            return 0;
        }
    }

    /** Nothing is at the path, e.g. between a rotation's rename and the creation of the new file. */
    record Missing() implements FileChange {
    }

    /** Classifies the file now at {@code path} (following symbolic links) against a checkpoint. */
    static FileChange classify(FileIdentity checkpointed, long position, Path path) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        try {
            return FileIdentity.readStable(path, (channel, device, inode) ->
                    classifyOpen(checkpointed, position, channel, device, inode));
        } catch (NoSuchFileException e) {
            return new Missing();
        }
    }

    private static FileChange classifyOpen(FileIdentity checkpointed, long position, FileChannel channel,
            long device, long inode) throws IOException {
        if (checkpointed.device() != device || checkpointed.inode() != inode) {
            return new Replaced();
        }
        long size = channel.size();
        if (size < position || !checkpointed.headStillMatches(channel)) {
            return new Truncated();
        }
        return size == position ? new Unchanged(position) : new Grown(position);
    }

    /**
     * Finds where the checkpointed content lives now, among the regular files directly in {@code directory}; symbolic
     * links are ignored, so nothing outside the directory is considered. The file now at {@code tailedPath} is never
     * an answer: after copytruncate it keeps the old inode and may start with the same bytes again, but the old
     * content is no longer in it.
     * <ol>
     * <li>A file with the checkpoint's device and inode whose head still matches: the file renamed by rotation. The
     * same inode under another head is an inode reused by another file, not it.</li>
     * <li>Otherwise the most recently modified file whose head still matches: the copy left by copytruncate. An empty
     * checkpointed head matches every file, so it proves nothing and this step answers empty for it.</li>
     * </ol>
     */
    static Optional<Path> findRotated(FileIdentity checkpointed, Path directory, Path tailedPath) throws IOException {
        Map<Path, FileIdentity> sameHead = filesWithSameHead(directory, checkpointed, currentIdentityOf(tailedPath));
        Optional<Path> renamed = sameHead.entrySet().stream()
                .filter(file -> file.getValue().sameFile(checkpointed))
                .map(Map.Entry::getKey)
                .findFirst();
        if (renamed.isPresent() || checkpointed.headLength() == 0) {
            return renamed;
        }
        return mostRecentlyModified(sameHead.keySet());
    }

    /** The regular files in {@code directory}, but the tailed one, whose head matches the checkpoint's. */
    private static Map<Path, FileIdentity> filesWithSameHead(Path directory, FileIdentity checkpointed,
            Optional<FileIdentity> tailed) throws IOException {
        Map<Path, FileIdentity> sameHead = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                identityIfSameHead(entry, checkpointed)
                        .filter(found -> tailed.filter(found::sameFile).isEmpty())
                        .ifPresent(found -> sameHead.put(entry, found));
            }
        }
        return sameHead;
    }

    /** The entry's identity over the checkpoint's head length, if it is a regular file with the checkpoint's head. */
    private static Optional<FileIdentity> identityIfSameHead(Path entry, FileIdentity checkpointed)
            throws IOException {
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return FileIdentity.readStable(entry, (channel, device, inode) -> checkpointed.headStillMatches(channel)
                    ? Optional.of(new FileIdentity(device, inode, checkpointed.headLength(), checkpointed.headHash()))
                    : Optional.empty(), LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | AccessDeniedException e) {
            // Gone meanwhile, or not ours to read: either way it cannot hand us the missing lines.
            return Optional.empty();
        }
    }

    private static Optional<Path> mostRecentlyModified(Collection<Path> files) throws IOException {
        Path newest = null;
        FileTime newestModified = null;
        for (Path file : files) {
            Optional<FileTime> modified = lastModified(file);
            if (modified.isPresent() && (newest == null || modified.get().compareTo(newestModified) > 0)) {
                newest = file;
                newestModified = modified.get();
            }
        }
        return Optional.ofNullable(newest);
    }

    private static Optional<FileTime> lastModified(Path file) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Optional<FileIdentity> currentIdentityOf(Path tailedPath) throws IOException {
        try {
            return Optional.of(FileIdentity.of(tailedPath));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
