package io.vigil.bench.logs;

import java.time.Instant;

/**
 * A line's append time, written at its end as {@code  t0=<epoch µs>} and read back from whatever delivered it:
 * the service's event, tail's output or the bare Kafka record. Writer and readers share this host's clock.
 */
final class Stamp {

    private static final String MARK = " t0=";
    /** Epoch microseconds have 16 digits from 2001 to 2286. */
    private static final int DIGITS = 16;

    private Stamp() {
    }

    /** Now, in microseconds since the epoch (the wall clock, at the resolution Linux gives the JDK). */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    static void append(StringBuilder line, long micros) {
        line.append(MARK).append(micros);
    }

    /** {@code text} without its stamp. */
    static String strip(String text) {
        int at = text.lastIndexOf(MARK);
        return at < 0 ? text : text.substring(0, at);
    }

    /** The stamp at the end of {@code text}; -1 when it has none, or not a whole one (16 digits: a line cut short). */
    static long read(String text) {
        int at = text.lastIndexOf(MARK);
        if (at < 0 || text.length() - at - MARK.length() != DIGITS) {
            return -1;
        }
        long micros = 0;
        for (int i = at + MARK.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            micros = micros * 10 + (c - '0');
        }
        return micros;
    }
}
