package io.vigil.pipeline.process;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;

/**
 * Replaces every occurrence of a secret value with {@code ***}. It works on bytes, matching each value's UTF-8
 * encoding, so output that is not UTF-8 passes through byte for byte. A value of several lines (a PEM key) is
 * masked line by line, as output is; empty values mask nothing.
 */
final class SecretMask {

    private static final byte[] MASK = "***".getBytes(US_ASCII);
    /** Bytes of one line looked at together; a longer line is passed on in pieces, never buffered whole. */
    private static final int WINDOW = 64 * 1024;

    private final byte[][] values;
    private final int longest;

    SecretMask(Collection<String> secrets) {
        values = secrets.stream()
                .flatMap(String::lines)
                .filter(line -> !line.isEmpty())
                .distinct()
                .map(line -> line.getBytes(UTF_8))
                .sorted(Comparator.comparingInt((byte[] value) -> value.length).reversed())
                .toArray(byte[][]::new);
        longest = values.length == 0 ? 0 : values[0].length;
    }

    /** A stream writing masked bytes to {@code out}; {@link Masking#close() close} it when the output has ended. */
    Masking over(OutputStream out) {
        return new Masking(out);
    }

    /** {@code text} with the secret values masked, for messages. */
    String apply(String text) {
        ByteArrayOutputStream masked = new ByteArrayOutputStream();
        Masking masking = over(masked);
        try (masking) {
            masking.write(text.getBytes(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return masked.toString(UTF_8);
    }

    /** Where the longest value starting at {@code line[at]} ends, or {@code at} when none does. */
    private int matchEnd(byte[] line, int at, int end) {
        for (byte[] value : values) {
            if (at + value.length <= end && Arrays.equals(line, at, at + value.length, value, 0, value.length)) {
                return at + value.length;
            }
        }
        return at;
    }

    /**
     * Holds back only what could be the start of a secret value cut by a read: the tail of the current line, at
     * most one byte shorter than the longest value (or a run of overlapping values reaching into it). Everything
     * before goes out masked as soon as it arrives, so a step's log can be followed live.
     */
    final class Masking extends OutputStream {

        private final OutputStream out;
        private final byte[] pending = new byte[WINDOW + longest];
        private int count;

        private Masking(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (longest == 0) {
                out.write(bytes, offset, length);
                return;
            }
            while (length > 0) {
                int taken = Math.min(length, pending.length - count);
                System.arraycopy(bytes, offset, pending, count, taken);
                count += taken;
                offset += taken;
                length -= taken;
                emit(false);
            }
        }

        /** Passes on what is masked; the held-back tail stays until more output or {@link #close()}. */
        @Override
        public void flush() throws IOException {
            out.flush();
        }

        /** The output has ended: what was held back cannot be cut any more. {@code out} stays open. */
        @Override
        public void close() throws IOException {
            emit(true);
            out.flush();
        }

        private void emit(boolean all) throws IOException {
            int safe = all ? count : Math.max(lineStart(), count - (longest - 1));
            int at = 0;
            int from = 0;
            while (at < safe) {
                int end = matchEnd(pending, at, count);
                if (end == at) {
                    at++;
                    continue;
                }
                // values overlapping this one ("ab" and "bcd" in "abcd") are masked with it, as one run
                for (int inside = at + 1; inside < end; inside++) {
                    end = Math.max(end, matchEnd(pending, inside, count));
                }
                if (end > safe && (at > 0 || count < pending.length)) {
                    break; // an overlapping value may continue in output yet to come: mask the run once it has
                }
                out.write(pending, from, at - from);
                out.write(MASK);
                at = end;
                from = end;
            }
            out.write(pending, from, at - from);
            System.arraycopy(pending, at, pending, 0, count - at);
            count -= at;
        }

        /** Where the last line begins, looking only as far back as a value could reach (values hold no line break). */
        private int lineStart() {
            for (int at = count - 1; at >= Math.max(0, count - longest); at--) {
                if (pending[at] == '\n' || pending[at] == '\r') {
                    return at + 1;
                }
            }
            return 0;
        }
    }
}
