package io.vigil.logs.tail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the bytes appended to a log file, fed in chunks as they were read, into UTF-8 text lines.
 *
 * <p>Contract:
 * <ul>
 * <li>{@code \n} ends a line; lines are returned without terminators. A {@code \r} directly before the {@code \n}
 * is dropped (CRLF), also when the two arrive in different chunks; a lone {@code \r} elsewhere is kept.</li>
 * <li>Bytes after the last newline are held until more bytes arrive ({@link #hasPartial()}).</li>
 * <li>A line is decoded only once complete, so a character split across chunks stays whole. Invalid UTF-8
 * (bad sequences, overlongs, lone continuation bytes, encoded surrogates) becomes U+FFFD, never an exception.</li>
 * <li>A line whose content exceeds {@code maxLineBytes} bytes is cut: its first {@code maxLineBytes} bytes, backed
 * off to a character boundary, are returned followed by {@code " [cut: line over N bytes]"}, as soon as the excess
 * is seen; the rest of that line, up to its newline and across any number of chunks, is discarded. Memory held
 * stays at about {@code maxLineBytes} plus the chunk being fed. {@link #cutLines()} counts such lines.</li>
 * <li>{@link #flush()} returns the held partial line (a trailing {@code \r} is kept since no {@code \n} followed)
 * and declares it ended: if the very next byte fed is {@code \n}, it is taken as that line's terminator and
 * swallowed. A flush while the tail of a cut line is being discarded returns nothing and keeps discarding.</li>
 * <li>{@link #consumedBytes()} is the file position up to which every byte belongs to a returned line (content,
 * terminators and discarded tails, the latter counted as they are discarded); held partial bytes are not counted.
 * Resuming a file at this position after a restart neither repeats nor loses a line, except that resuming inside
 * a discarded tail reads the rest of that tail as a new line.</li>
 * </ul>
 *
 * <p>Not thread-safe: meant to be owned by the single thread tailing one file.
 */
public final class LineSplitter {

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final int INITIAL_BUFFER_BYTES = 8192;
    /** A UTF-8 character has at most 3 continuation bytes: no lead byte further back can reach the cut. */
    private static final int MAX_CONTINUATION_BYTES = 3;

    private final int maxLineBytes;
    private final String cutMarker;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);

    /** Bytes of the unfinished line; at most maxLineBytes + 1, the extra byte being a possible CR of a CRLF. */
    private byte[] pending;
    private int pendingLength;
    private boolean discardingCutTail;
    private boolean swallowNextLf;
    private long consumedBytes;
    private long cutLines;

    public LineSplitter(int maxLineBytes) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be at least 16, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.cutMarker = " [cut: line over " + maxLineBytes + " bytes]";
        this.pending = new byte[Math.min(maxLineBytes + 1, INITIAL_BUFFER_BYTES)];
    }

    /** Feeds the next bytes read from the file and returns the lines they complete, in order. */
    public List<String> feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        List<String> lines = new ArrayList<>();
        int position = skipLfEndingFlushedLine(bytes, offset, length);
        int end = offset + length;
        while (position < end) {
            int newline = indexOfLf(bytes, position, end);
            if (newline < 0) {
                absorb(bytes, position, end, lines);
                break;
            }
            absorb(bytes, position, newline, lines);
            endLine(lines);
            position = newline + 1;
        }
        return lines;
    }

    /** Whether bytes of an unfinished line are held. */
    public boolean hasPartial() {
        return pendingLength > 0;
    }

    /** Returns the held partial line, ended as if its newline had arrived, or empty when none is held. */
    public Optional<String> flush() {
        if (pendingLength == 0) {
            return Optional.empty();
        }
        // Only a line held with a possible CRLF's CR can exceed the limit here; with the CR kept it is too long.
        String line = pendingLength > maxLineBytes ? cutPrefix() : decode(pendingLength);
        consumedBytes += pendingLength;
        pendingLength = 0;
        swallowNextLf = true;
        return Optional.of(line);
    }

    /** Bytes fed so far that belong to returned lines: the file position a checkpoint may store. */
    public long consumedBytes() {
        return consumedBytes;
    }

    /** Number of lines returned cut because they exceeded maxLineBytes. */
    public long cutLines() {
        return cutLines;
    }

    private int skipLfEndingFlushedLine(byte[] bytes, int offset, int length) {
        if (length == 0 || !swallowNextLf) {
            return offset;
        }
        swallowNextLf = false;
        if (bytes[offset] != LF) {
            return offset;
        }
        consumedBytes++;
        return offset + 1;
    }

    private static int indexOfLf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == LF) {
                return i;
            }
        }
        return -1;
    }

    /** Takes bytes of the current line that contain no LF, cutting the line once it is known to be too long. */
    private void absorb(byte[] bytes, int from, int to, List<String> lines) {
        if (discardingCutTail) {
            consumedBytes += to - from;
            return;
        }
        int taken = Math.min(to - from, maxLineBytes + 1 - pendingLength);
        append(bytes, from, taken);
        int left = to - from - taken;
        // One byte over the limit may still be the CR of a CRLF; anything after it proves the line too long.
        if (pendingLength > maxLineBytes && (left > 0 || pending[maxLineBytes] != CR)) {
            lines.add(cutPrefix());
            consumedBytes += pendingLength + left;
            pendingLength = 0;
            discardingCutTail = true;
        }
    }

    private void append(byte[] bytes, int from, int count) {
        if (pendingLength + count > pending.length) {
            int grown = Math.max(pending.length * 2, pendingLength + count);
            pending = Arrays.copyOf(pending, Math.min(grown, maxLineBytes + 1));
        }
        System.arraycopy(bytes, from, pending, pendingLength, count);
        pendingLength += count;
    }

    private void endLine(List<String> lines) {
        consumedBytes++;
        if (discardingCutTail) {
            discardingCutTail = false;
            return;
        }
        boolean crlf = pendingLength > 0 && pending[pendingLength - 1] == CR;
        lines.add(decode(crlf ? pendingLength - 1 : pendingLength));
        consumedBytes += pendingLength;
        pendingLength = 0;
    }

    private String cutPrefix() {
        cutLines++;
        return decode(characterBoundaryAtOrBefore(maxLineBytes)) + cutMarker;
    }

    /**
     * Backs the cut off to the start of a character whose announced length reaches past it, so that character is
     * not split. The back-off is at most {@value #MAX_CONTINUATION_BYTES} bytes and maxLineBytes is at least 16, so
     * the kept prefix is never empty; stray continuation bytes are cut where they are, as they decode to U+FFFD.
     */
    private int characterBoundaryAtOrBefore(int cut) {
        for (int start = cut - 1; start >= cut - MAX_CONTINUATION_BYTES - 1 && start >= 0; start--) {
            int lead = pending[start] & 0xFF;
            if (!isContinuation(lead)) {
                return start + sequenceLength(lead) > cut ? start : cut;
            }
        }
        return cut;
    }

    private static boolean isContinuation(int b) {
        return (b & 0xC0) == 0x80;
    }

    /** Length announced by a lead byte; 1 for ASCII and for bytes that cannot start a sequence. */
    private static int sequenceLength(int lead) {
        if (lead >= 0xF0 && lead <= 0xF7) {
            return 4;
        }
        if (lead >= 0xE0) {
            return lead <= 0xEF ? 3 : 1;
        }
        return lead >= 0xC0 ? 2 : 1;
    }

    private String decode(int length) {
        try {
            return decoder.decode(ByteBuffer.wrap(pending, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 decoding with REPLACE cannot fail", e);
        }
    }
}
