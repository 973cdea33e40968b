package io.vigil.logs.parse;

import java.time.Instant;
import java.util.List;

/**
 * Reads the timestamp and the level that a text line starts with. The timestamp is ISO-8601 at the very start,
 * bare or in square brackets. The level is looked for only among the first few tokens after it, where loggers put
 * it, and a word counts only with evidence that it is a level and not prose:
 * <ul>
 * <li>a bracketed tag: {@code [INFO]}, {@code [ warn ]}, {@code [  OK  ]}, {@code [done]}; outcome words count
 * only here;</li>
 * <li>a word followed by a separator: {@code ERROR:}, {@code Warning: …}, {@code ERROR - …}, {@code npm ERR!},
 * {@code WARNING:root:…}, apt's {@code E: …} and {@code W: …}, logrus' {@code WARN[0000]};</li>
 * <li>an upper-case word: {@code INFO Starting …}, {@code [main] WARN …}, {@code - myapp - ERROR - …} after a
 * timestamp;</li>
 * <li>any-case word right after a timestamp or a tool name: {@code 2024-01-01T00:00:00Z warn disk low},
 * {@code npm warn deprecated …}.</li>
 * </ul>
 * Bracketed non-level tags ({@code [main]}, {@code [2/4]}), BuildKit's {@code #5} and, after a timestamp, any
 * other tokens are stepped over.
 */
final class LineHeader {

    /** What the header holds; {@code messageStart} is where the text after the timestamp and level begins. */
    record Found(Instant timestamp, Level level, int timestampEnd, int messageStart) {
    }

    /** Tools that put their name before the level: {@code npm WARN …}, {@code npm error …}. */
    private static final List<String> TOOLS = List.of("npm");

    private static final int TOKENS_AFTER_TIMESTAMP = 5;
    private static final int TOKENS_WITHOUT_TIMESTAMP = 3;
    private static final int LONGEST_TAG = 40;

    private LineHeader() {
    }

    static Found read(String s) {
        int length = s.length();
        int pos = skipBlanks(s, 0, length);
        Instant timestamp = null;
        if (pos < length) {
            char first = s.charAt(pos);
            if (IsoTimestamp.isDigit(first)) {
                IsoTimestamp.Found found = IsoTimestamp.at(s, pos, length);
                if (found != null) {
                    timestamp = found.instant();
                    pos = found.end();
                }
            } else if (first == '[' && pos + 1 < length && IsoTimestamp.isDigit(s.charAt(pos + 1))) {
                IsoTimestamp.Found found = IsoTimestamp.at(s, pos + 1, length);
                if (found != null && found.end() < length && s.charAt(found.end()) == ']') {
                    timestamp = found.instant();
                    pos = found.end() + 1;
                }
            }
        }
        int timestampEnd = timestamp == null ? 0 : pos;
        return readLevel(s, timestamp, timestampEnd);
    }

    private static Found readLevel(String s, Instant timestamp, int timestampEnd) {
        int length = s.length();
        boolean afterTimestamp = timestamp != null;
        int tokens = afterTimestamp ? TOKENS_AFTER_TIMESTAMP : TOKENS_WITHOUT_TIMESTAMP;
        int pos = skipBlanks(s, timestampEnd, length);
        // Right after the timestamp or a tool name any case will do; at the line's start a lower-case word needs a
        // separator ("error: …"); once a token has been stepped over, only an upper-case word is taken.
        boolean anyCase = afterTimestamp;
        boolean lowerCaseAllowed = true;
        for (int token = 0; token < tokens && pos < length; token++) {
            char c = s.charAt(pos);
            if (c == '[') {
                int close = indexOf(s, ']', pos + 1, Math.min(length, pos + 1 + LONGEST_TAG));
                if (close < 0) {
                    break;
                }
                Level level = LevelNames.tag(s, pos + 1, close);
                if (level != null) {
                    return new Found(timestamp, level, timestampEnd, skipSeparators(s, close + 1, length));
                }
                pos = skipBlanks(s, close + 1, length);
                anyCase = false;
                lowerCaseAllowed = false;
                continue;
            }
            int wordEnd = skipLetters(s, pos, length);
            if (wordEnd == pos) {
                if (!afterTimestamp && c != '#') {
                    break;
                }
                // BuildKit's "#5", or after a timestamp a pid, a "-" or a "|": step over the token.
                pos = skipBlanks(s, skipToken(s, pos, length), length);
                anyCase = false;
                lowerCaseAllowed = false;
                continue;
            }
            boolean atLineStart = token == 0 && !afterTimestamp && pos == 0;
            Level level = bareLevel(s, pos, wordEnd, anyCase, lowerCaseAllowed, atLineStart);
            if (level != null) {
                return new Found(timestamp, level, timestampEnd, skipSeparators(s, wordEnd, length));
            }
            if (token == 0 && !afterTimestamp && wordEnd < length && s.charAt(wordEnd) == ' '
                    && isTool(s, pos, wordEnd)) {
                pos = skipBlanks(s, wordEnd, length);
                anyCase = true;
                continue;
            }
            if (afterTimestamp) {
                level = channelLevel(s, pos, wordEnd, length);
                if (level != null) {
                    return new Found(timestamp, level, timestampEnd, skipSeparators(s, wordEnd, length));
                }
                pos = skipBlanks(s, skipToken(s, wordEnd, length), length);
                anyCase = false;
                lowerCaseAllowed = false;
                continue;
            }
            break;
        }
        int messageStart = skipBlanks(s, timestampEnd, length);
        return new Found(timestamp, null, timestampEnd, messageStart);
    }

    /** The level named by the word {@code s[from, wordEnd)} if what surrounds it shows it is one, or null. */
    private static Level bareLevel(String s, int from, int wordEnd, boolean anyCase, boolean lowerCaseAllowed,
            boolean atLineStart) {
        int length = s.length();
        char next = wordEnd < length ? s.charAt(wordEnd) : ' ';
        Level level = LevelNames.word(s, from, wordEnd);
        if (level == null) {
            if (next == '[') {
                return LevelNames.logrus(s, from, wordEnd);
            }
            return atLineStart && wordEnd - from == 1 ? aptLevel(s, from, wordEnd) : null;
        }
        boolean blank = next == ' ' || next == '\t';
        if (LevelNames.isUpperCase(s, from, wordEnd)) {
            return blank || next == ':' || next == '!' || next == '[' ? level : null;
        }
        if (anyCase) {
            return blank || next == ':' || next == '!' ? level : null;
        }
        if (lowerCaseAllowed) {
            return next == ':' || next == '!' || blank && separatorFollows(s, wordEnd, length) ? level : null;
        }
        return null;
    }

    private static boolean isTool(String s, int from, int to) {
        for (String tool : TOOLS) {
            if (tool.length() == to - from && s.startsWith(tool, from)) {
                return true;
            }
        }
        return false;
    }

    /** apt's one-letter prefixes: {@code E: Unable to locate package}, {@code W: …}, {@code N: …}. */
    private static Level aptLevel(String s, int from, int wordEnd) {
        int length = s.length();
        if (wordEnd >= length || s.charAt(wordEnd) != ':' || wordEnd + 1 < length && s.charAt(wordEnd + 1) != ' ') {
            return null;
        }
        return switch (s.charAt(from)) {
            case 'E' -> Level.ERROR;
            case 'W' -> Level.WARN;
            case 'N' -> Level.INFO;
            default -> null;
        };
    }

    /** Monolog's {@code production.ERROR: …}: a channel name, a dot, a level word and a colon. */
    private static Level channelLevel(String s, int from, int wordEnd, int length) {
        if (wordEnd >= length || s.charAt(wordEnd) != '.') {
            return null;
        }
        int levelEnd = skipLetters(s, wordEnd + 1, length);
        if (levelEnd >= length || s.charAt(levelEnd) != ':') {
            return null;
        }
        return LevelNames.word(s, wordEnd + 1, levelEnd);
    }

    /** Whether blanks and then a lone {@code -}, {@code |} or {@code :} follow: {@code ERROR - message}. */
    private static boolean separatorFollows(String s, int from, int length) {
        int i = skipBlanks(s, from, length);
        if (i >= length) {
            return false;
        }
        char c = s.charAt(i);
        return (c == '-' || c == '|' || c == ':') && (i + 1 == length || s.charAt(i + 1) == ' ');
    }

    private static int skipSeparators(String s, int from, int length) {
        int i = from;
        while (i < length) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != ':' && c != '!' && c != '-' && c != '|') {
                break;
            }
            i++;
        }
        return i;
    }

    private static int skipToken(String s, int from, int length) {
        int i = from;
        while (i < length && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    static int skipBlanks(String s, int from, int length) {
        int i = from;
        while (i < length && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipLetters(String s, int from, int length) {
        int i = from;
        while (i < length) {
            char c = s.charAt(i);
            if ((c < 'a' || c > 'z') && (c < 'A' || c > 'Z')) {
                break;
            }
            i++;
        }
        return i;
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
