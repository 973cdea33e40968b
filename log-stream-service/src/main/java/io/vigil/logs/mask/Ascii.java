package io.vigil.logs.mask;

/** Character classes for scanning log lines, fast for the ASCII that most of them are. */
final class Ascii {

    private Ascii() {
    }

    static boolean isLetterOrDigit(char c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                : Character.isLetterOrDigit(c);
    }

    static boolean isUpper(char c) {
        return c < 0x80 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
    }

    static boolean isLowerOrDigit(char c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                : Character.isLowerCase(c) || Character.isDigit(c);
    }

    /** Spaces and tabs, and the other blanks a line can hold; not NUL, which may well be part of a secret. */
    static boolean isSpace(char c) {
        return c <= ' ' ? c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B
                : c >= 0x80 && Character.isSpaceChar(c);
    }

    /** A character of base64url, as JWT segments are written. */
    static boolean isBase64Url(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    static boolean allStars(String line, int start, int end) {
        for (int i = start; i < end; i++) {
            if (line.charAt(i) != '*') {
                return false;
            }
        }
        return true;
    }
}
