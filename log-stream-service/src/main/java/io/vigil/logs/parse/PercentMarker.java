package io.vigil.logs.parse;

/**
 * Finds how far a line says its work has come as a percentage: {@code Downloading… 45%}, {@code [ 45%]},
 * {@code 45.5%} (taken as 45). The first percentage from 0 to 100 wins. A number glued to a word or a sign
 * ({@code v45%}, {@code -5%}, {@code +5%}) or a {@code %} followed by a letter or digit (URL escapes such as
 * {@code %20}) is not a progress.
 */
final class PercentMarker {

    static final int NONE = -1;
    private static final int MAX_DIGITS = 3;
    private static final int MAX_FRACTION_DIGITS = 12;

    private PercentMarker() {
    }

    /** The first progress percentage in {@code s[from, length)}, or {@link #NONE}. */
    static int find(String s, int from) {
        int length = s.length();
        for (int percent = s.indexOf('%', from); percent >= 0; percent = s.indexOf('%', percent + 1)) {
            int value = valueBefore(s, from, percent, length);
            if (value != NONE) {
                return value;
            }
        }
        return NONE;
    }

    private static int valueBefore(String s, int from, int percent, int length) {
        if (percent + 1 < length && Character.isLetterOrDigit(s.charAt(percent + 1))) {
            return NONE;
        }
        int digitsEnd = percent;
        int digitsStart = skipDigitsBack(s, from, digitsEnd, MAX_FRACTION_DIGITS);
        if (digitsStart == digitsEnd) {
            return NONE;
        }
        // "45.5%": step over the fraction to the whole part.
        boolean fractionAboveZero = false;
        if (digitsStart - 1 > from && isDecimalPoint(s.charAt(digitsStart - 1))
                && IsoTimestamp.isDigit(s.charAt(digitsStart - 2))) {
            fractionAboveZero = !isAllZeros(s, digitsStart, digitsEnd);
            digitsEnd = digitsStart - 1;
            digitsStart = skipDigitsBack(s, from, digitsEnd, MAX_DIGITS);
        }
        if (digitsEnd - digitsStart > MAX_DIGITS || digitsStart > from && !standsAlone(s.charAt(digitsStart - 1))) {
            return NONE;
        }
        int value = Integer.parseInt(s, digitsStart, digitsEnd, 10);
        return value < 100 || value == 100 && !fractionAboveZero ? value : NONE;
    }

    /** Start of the run of digits ending at {@code end}, looking back at most {@code most + 1} digits. */
    private static int skipDigitsBack(String s, int from, int end, int most) {
        int i = end;
        while (i > from && end - i <= most && IsoTimestamp.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isAllZeros(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecimalPoint(char c) {
        return c == '.' || c == ',';
    }

    private static boolean standsAlone(char before) {
        return !Character.isLetterOrDigit(before) && before != '-' && before != '+' && before != '.' && before != ','
                && before != '_';
    }
}
