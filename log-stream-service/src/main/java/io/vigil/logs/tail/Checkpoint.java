package io.vigil.logs.tail;

/**
 * Where reading a tailed path stands: the file being read ({@code null} while the path has none), the byte
 * position up to which its bytes are lines already handed out, and the number the next line gets. Stored in the
 * same transaction as those lines, so a restart, even after kill -9, resumes with no gap and no line twice.
 */
public record Checkpoint(FileIdentity file, long position, long nextLine) {

    public Checkpoint {
        if (position < 0 || nextLine < 1 || file == null && position != 0) {
            throw new IllegalArgumentException("not a checkpoint: " + file + " at " + position + ", next line " + nextLine);
        }
    }
}
