package io.vigil.logs.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a download (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. A header
 * this does not read (another unit, several ranges) is ignored and the whole log sent, as the RFC allows; a
 * range wholly past the end is unsatisfiable (416).
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** Thrown for a range that starts past the end of the log. */
    public static class Unsatisfiable extends RuntimeException {
        private final long length;

        Unsatisfiable(String header, long length) {
            super("range " + header + " lies beyond the " + length + " bytes of the log");
            this.length = length;
        }

        public long length() {
            return length;
        }
    }

    public long length() {
        return last - first + 1;
    }

    /** The range {@code header} asks for in a log of {@code length} bytes; empty for the whole log. */
    public static Optional<ByteRange> parse(String header, long length) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.trim());
        if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
            return Optional.empty();
        }
        if (matcher.group(1).isEmpty()) { // the last n bytes
            long suffix = Long.parseLong(matcher.group(2));
            if (suffix == 0 || length == 0) {
                throw new Unsatisfiable(header, length);
            }
            return Optional.of(new ByteRange(Math.max(0, length - suffix), length - 1));
        }
        long first = Long.parseLong(matcher.group(1));
        long last = matcher.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(matcher.group(2)), length - 1);
        if (!matcher.group(2).isEmpty() && Long.parseLong(matcher.group(2)) < first) {
            return Optional.empty(); // invalid: ignored, the whole log is sent
        }
        if (first >= length) {
            throw new Unsatisfiable(header, length);
        }
        return Optional.of(new ByteRange(first, last));
    }
}
