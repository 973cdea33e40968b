package io.vigil.logs.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads an ISO-8601 date-time such as {@code 2024-01-01T12:00:00.123+02:00}: {@code T} or a blank between date and
 * time, seconds and fraction optional ({@code .} or {@code ,}), zone {@code Z}, {@code ±hh}, {@code ±hhmm},
 * {@code ±hh:mm} or none, which means UTC. Go's and nginx' {@code 2024/01/01 12:00:00} is read too. Hand-written
 * rather than a regex or {@code DateTimeFormatter} because it runs on every line and must not throw.
 */
final class IsoTimestamp {

    /** A date-time found in a line and the index just past it. */
    record Found(Instant instant, int end) {
    }

    private static final int NANO_DIGITS = 9;
    private static final int MAX_OFFSET_HOURS = 18;

    private IsoTimestamp() {
    }

    /** The date-time that starts at {@code from} and ends at a word boundary before {@code to}, or null. */
    static Found at(String s, int from, int to) {
        if (to - from < 16) {
            return null;
        }
        int year = digits(s, from, 4);
        char dateSeparator = s.charAt(from + 4);
        if (year < 0 || dateSeparator != '-' && dateSeparator != '/' || s.charAt(from + 7) != dateSeparator) {
            return null;
        }
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        char t = s.charAt(from + 10);
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || t != 'T' && t != 't' && t != ' ') {
            return null;
        }
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        if (s.charAt(from + 13) != ':' || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        int i = from + 16;
        int second = 0;
        if (i + 3 <= to && s.charAt(i) == ':') {
            second = digits(s, i + 1, 2);
            if (second < 0 || second > 59) {
                return null;
            }
            i += 3;
        }
        int nanos = 0;
        if (i + 1 < to && (s.charAt(i) == '.' || s.charAt(i) == ',') && isDigit(s.charAt(i + 1))) {
            i++;
            int scale = 100_000_000;
            for (; i < to && isDigit(s.charAt(i)); i++) {
                nanos += (s.charAt(i) - '0') * scale;
                scale /= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < to && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            i++;
        } else if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            int offsetEnd = offsetEnd(s, i, to);
            if (offsetEnd > i) {
                offsetSeconds = offsetSeconds(s, i, offsetEnd);
                if (offsetSeconds == Integer.MIN_VALUE) {
                    return null;
                }
                i = offsetEnd;
            }
        }
        if (i < to && Character.isLetterOrDigit(s.charAt(i))) {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
                + hour * 3_600L + minute * 60L + second - offsetSeconds;
        return new Found(Instant.ofEpochSecond(epochSecond, nanos), i);
    }

    /** The date-time that is exactly {@code s[from, to)}, blanks around it ignored, or null. */
    static Instant exactly(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        Found found = at(s, from, to);
        return found != null && found.end() == to ? found.instant() : null;
    }

    /** End of {@code ±hh}, {@code ±hhmm} or {@code ±hh:mm} at {@code sign}, or {@code sign} when none is there. */
    private static int offsetEnd(String s, int sign, int to) {
        int i = sign + 1;
        if (digits(s, i, 2, to) < 0) {
            return sign;
        }
        i += 2;
        if (i < to && s.charAt(i) == ':' && digits(s, i + 1, 2, to) >= 0) {
            return i + 3;
        }
        if (digits(s, i, 2, to) >= 0) {
            return i + 2;
        }
        return i;
    }

    private static int offsetSeconds(String s, int sign, int end) {
        int hours = digits(s, sign + 1, 2);
        int minutes = end - sign > 3 ? digits(s, end - 2, 2) : 0;
        if (hours > MAX_OFFSET_HOURS || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return s.charAt(sign) == '-' ? -seconds : seconds;
    }

    private static int digits(String s, int from, int count, int to) {
        return from + count <= to ? digits(s, from, count) : -1;
    }

    /** The value of {@code count} ASCII digits at {@code from} (callers have checked the length), or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
