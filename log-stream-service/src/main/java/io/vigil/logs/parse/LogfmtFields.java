package io.vigil.logs.parse;

import java.time.Instant;

/**
 * Reads the level and time fields of a logfmt line: {@code time="2024-01-01T12:00:00Z" level=info msg="…"}.
 * Level keys are {@code level}, {@code lvl}, {@code severity}; time keys {@code time}, {@code ts},
 * {@code timestamp}, {@code t}. A key counts only at the line's start or after a blank, so {@code x_level=} and
 * URLs' {@code ?level=} do not.
 */
final class LogfmtFields {

    record Found(Instant timestamp, Level level) {
    }

    private static final int LONGEST_KEY = "timestamp".length();

    private LogfmtFields() {
    }

    /** The fields found, or null when the line has neither. */
    static Found read(String s) {
        int length = s.length();
        Instant timestamp = null;
        Level level = null;
        int equals = s.indexOf('=');
        while (equals > 0 && (timestamp == null || level == null)) {
            int keyStart = keyStart(s, equals);
            if (keyStart < 0) {
                equals = s.indexOf('=', equals + 1);
                continue;
            }
            int valueStart = equals + 1;
            int valueEnd;
            if (valueStart < length && s.charAt(valueStart) == '"') {
                valueStart++;
                valueEnd = s.indexOf('"', valueStart);
                if (valueEnd < 0) {
                    valueEnd = length;
                }
            } else {
                valueEnd = valueStart;
                while (valueEnd < length && s.charAt(valueEnd) != ' ' && s.charAt(valueEnd) != '\t') {
                    valueEnd++;
                }
            }
            if (level == null && isLevelKey(s, keyStart, equals)) {
                level = LevelNames.tag(s, valueStart, valueEnd);
            } else if (timestamp == null && isTimeKey(s, keyStart, equals)) {
                timestamp = IsoTimestamp.exactly(s, valueStart, valueEnd);
            }
            equals = valueEnd < length ? s.indexOf('=', valueEnd) : -1;
        }
        return timestamp == null && level == null ? null : new Found(timestamp, level);
    }

    /** Start of the key ending at {@code equals}, or -1 when it is not a key this reader wants. */
    private static int keyStart(String s, int equals) {
        int start = equals;
        while (start > 0 && equals - start <= LONGEST_KEY) {
            char c = s.charAt(start - 1);
            if ((c < 'a' || c > 'z') && (c < 'A' || c > 'Z')) {
                break;
            }
            start--;
        }
        if (start == equals || equals - start > LONGEST_KEY) {
            return -1;
        }
        return start == 0 || s.charAt(start - 1) == ' ' || s.charAt(start - 1) == '\t' ? start : -1;
    }

    private static boolean isLevelKey(String s, int from, int to) {
        return is(s, from, to, "level") || is(s, from, to, "lvl") || is(s, from, to, "severity");
    }

    private static boolean isTimeKey(String s, int from, int to) {
        return is(s, from, to, "time") || is(s, from, to, "ts") || is(s, from, to, "timestamp")
                || is(s, from, to, "t");
    }

    private static boolean is(String s, int from, int to, String key) {
        return to - from == key.length() && s.regionMatches(true, from, key, 0, key.length());
    }
}
