package io.vigil.logs.parse;

/**
 * Finds a step counter in a line and the words naming that step. A fraction counts only where it is plainly a
 * counter: in brackets or parentheses ({@code [3/5] Installing deps}, {@code (2/10)}, BuildKit's
 * {@code [ 2/10]} and {@code [builder 2/4]}) or after the word step ({@code Step 2/7 : RUN …},
 * {@code Step 2 of 4: Configure nginx}); {@code 100/200 requests} is not one. The step must not exceed the count,
 * and the count must be at least 1. The leftmost counter wins.
 */
record StepMarker(int step, int steps, int start, int end) {

    private static final int MAX_DIGITS = 9;
    private static final int MAX_BLANKS = 3;
    private static final int LONGEST_LABEL = 32;
    private static final int LONGEST_TEXT = 200;

    /** The leftmost counter in {@code s[from, length)}, or null. */
    static StepMarker find(String s, int from) {
        StepMarker found = null;
        for (int slash = s.indexOf('/', from); slash >= 0; slash = s.indexOf('/', slash + 1)) {
            found = aroundSlash(s, from, slash);
            if (found != null) {
                break;
            }
        }
        if (mayHaveOf(s, from)) {
            int limit = found == null ? s.length() : found.start();
            for (int step = indexOfStep(s, from, limit); step >= 0; step = indexOfStep(s, step + 1, limit)) {
                StepMarker of = stepOf(s, step);
                if (of != null) {
                    return of;
                }
            }
        }
        return found;
    }

    /**
     * The words naming the step: the text after the marker ({@code Step 2/7 : RUN x} gives {@code RUN x}), or when
     * nothing follows it, the text between {@code floor} and the marker ({@code Building app 1.0 [2/9]} gives
     * {@code Building app 1.0}). Trimmed, at most {@value #LONGEST_TEXT} characters, null when empty.
     */
    static String text(String s, int floor, int start, int end) {
        int length = s.length();
        int from = LineHeader.skipBlanks(s, end, length);
        if (from < length && isLeadingSeparator(s.charAt(from))) {
            from = LineHeader.skipBlanks(s, from + 1, length);
        } else if (from + 1 < length && s.charAt(from) == '=' && s.charAt(from + 1) == '>') {
            from = LineHeader.skipBlanks(s, from + 2, length);
        }
        String after = trimmed(s, from, length);
        if (after != null || floor >= start) {
            return after;
        }
        int to = start;
        while (to > floor && isTrailingSeparator(s.charAt(to - 1))) {
            to--;
        }
        return trimmed(s, floor, to);
    }

    /** {@code s[from, to)} trimmed and cut to {@value #LONGEST_TEXT} characters, or null when blank. */
    static String trimmed(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return null;
        }
        if (to - from > LONGEST_TEXT) {
            to = from + LONGEST_TEXT;
            if (Character.isHighSurrogate(s.charAt(to - 1))) {
                to--;
            }
        }
        return s.substring(from, to);
    }

    private static boolean isLeadingSeparator(char c) {
        return c == ':' || c == '-' || c == '|' || c == ',' || c == ';';
    }

    private static boolean isTrailingSeparator(char c) {
        return Character.isWhitespace(c) || c == ':' || c == '-' || c == '|';
    }

    /** A counter {@code n/m} whose slash is at {@code slash}, bracketed or after the word step. */
    private static StepMarker aroundSlash(String s, int from, int slash) {
        int length = s.length();
        int stepEnd = skipBlanksBack(s, from, slash);
        int stepStart = skipDigitsBack(s, from, stepEnd);
        int stepsStart = skipBlanks(s, slash + 1, length);
        int stepsEnd = skipDigits(s, stepsStart, length);
        if (!isNumber(stepStart, stepEnd) || !isNumber(stepsStart, stepsEnd)
                || stepStart > from && IsoTimestamp.isDigit(s.charAt(stepStart - 1))) {
            return null;
        }
        int before = skipBlanksBack(s, from, stepStart);
        int after = skipBlanks(s, stepsEnd, length);
        char close = after < length ? s.charAt(after) : 0;
        if (before > from) {
            char open = s.charAt(before - 1);
            if (open == '[' && close == ']' || open == '(' && close == ')') {
                return counted(s, stepStart, stepEnd, stepsStart, stepsEnd, before - 1, after + 1);
            }
            if (close == ']' && before < stepStart) {
                int labelStart = labelStart(s, from, before);
                if (labelStart > from && s.charAt(labelStart - 1) == '[') {
                    return counted(s, stepStart, stepEnd, stepsStart, stepsEnd, labelStart - 1, after + 1);
                }
            }
        }
        if (before < stepStart && isWordStep(s, from, before)
                && (stepsEnd == length || !Character.isLetterOrDigit(s.charAt(stepsEnd)))) {
            return counted(s, stepStart, stepEnd, stepsStart, stepsEnd, before - 4, stepsEnd);
        }
        return null;
    }

    /** {@code Step n of m}, the word step starting at {@code step}. */
    private static StepMarker stepOf(String s, int step) {
        int length = s.length();
        int stepStart = skipBlanks(s, step + 4, length);
        int stepEnd = skipDigits(s, stepStart, length);
        int of = skipBlanks(s, stepEnd, length);
        if (stepStart == step + 4 || !isNumber(stepStart, stepEnd) || of == stepEnd || of + 2 > length
                || !s.regionMatches(true, of, "of", 0, 2)) {
            return null;
        }
        int stepsStart = skipBlanks(s, of + 2, length);
        int stepsEnd = skipDigits(s, stepsStart, length);
        if (stepsStart == of + 2 || !isNumber(stepsStart, stepsEnd)
                || stepsEnd < length && Character.isLetterOrDigit(s.charAt(stepsEnd))) {
            return null;
        }
        return counted(s, stepStart, stepEnd, stepsStart, stepsEnd, step, stepsEnd);
    }

    private static StepMarker counted(String s, int stepStart, int stepEnd, int stepsStart, int stepsEnd, int start,
            int end) {
        int step = Integer.parseInt(s, stepStart, stepEnd, 10);
        int steps = Integer.parseInt(s, stepsStart, stepsEnd, 10);
        return steps >= 1 && step <= steps ? new StepMarker(step, steps, start, end) : null;
    }

    /** Whether the word step (any case, not the end of a longer word) ends just before {@code end}. */
    private static boolean isWordStep(String s, int from, int end) {
        int start = end - 4;
        return start >= from && s.regionMatches(true, start, "step", 0, 4)
                && (start == from || !Character.isLetter(s.charAt(start - 1)));
    }

    private static int indexOfStep(String s, int from, int limit) {
        for (int i = from; i + 4 <= limit; i++) {
            char c = s.charAt(i);
            if ((c == 's' || c == 'S') && s.regionMatches(true, i, "step", 0, 4)
                    && (i == 0 || !Character.isLetter(s.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean mayHaveOf(String s, int from) {
        return s.indexOf("of", from) >= 0 || s.indexOf("OF", from) >= 0 || s.indexOf("Of", from) >= 0;
    }

    /** BuildKit's stage label in {@code [builder 2/4]}: letters, digits, {@code .}, {@code _}, {@code -}. */
    private static int labelStart(String s, int from, int end) {
        int i = end;
        while (i > from && end - i < LONGEST_LABEL) {
            char c = s.charAt(i - 1);
            if (!isLabelChar(c)) {
                break;
            }
            i--;
        }
        return i < end ? i : -1;
    }

    private static boolean isLabelChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || IsoTimestamp.isDigit(c) || c == '.' || c == '_'
                || c == '-';
    }

    private static boolean isNumber(int start, int end) {
        return end > start && end - start <= MAX_DIGITS;
    }

    private static int skipDigits(String s, int from, int length) {
        int i = from;
        while (i < length && i - from <= MAX_DIGITS && IsoTimestamp.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipDigitsBack(String s, int from, int end) {
        int i = end;
        while (i > from && end - i <= MAX_DIGITS && IsoTimestamp.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static int skipBlanks(String s, int from, int length) {
        int i = from;
        while (i < length && i - from < MAX_BLANKS && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int skipBlanksBack(String s, int from, int end) {
        int i = end;
        while (i > from && end - i < MAX_BLANKS && s.charAt(i - 1) == ' ') {
            i--;
        }
        return i;
    }
}
