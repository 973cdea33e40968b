package io.vigil.logs.parse;

import java.util.HashMap;
import java.util.Map;

/**
 * The words that name a level, case-insensitively. Two kinds: level words (INFO, WARNING, ERR …) may stand bare
 * in a line's header; outcome words (OK, DONE, FAILED …) are common in prose, so they count only where the line
 * itself marks them as its level, in a bracketed tag or a level field.
 */
final class LevelNames {

    private static final int LONGEST = "SUCCEEDED".length();

    private static final Map<String, Level> LEVEL_WORDS = Map.ofEntries(
            Map.entry("TRACE", Level.DEBUG),
            Map.entry("DEBUG", Level.DEBUG),
            Map.entry("INFO", Level.INFO),
            Map.entry("NOTICE", Level.INFO),
            Map.entry("WARN", Level.WARN),
            Map.entry("WARNING", Level.WARN),
            Map.entry("ERR", Level.ERROR),
            Map.entry("ERROR", Level.ERROR),
            Map.entry("SEVERE", Level.ERROR),
            Map.entry("CRIT", Level.ERROR),
            Map.entry("CRITICAL", Level.ERROR),
            Map.entry("ALERT", Level.ERROR),
            Map.entry("EMERG", Level.ERROR),
            Map.entry("FATAL", Level.ERROR),
            Map.entry("PANIC", Level.ERROR));

    private static final Map<String, Level> OUTCOME_WORDS = Map.of(
            "OK", Level.SUCCESS,
            "DONE", Level.SUCCESS,
            "SUCCESS", Level.SUCCESS,
            "SUCCEEDED", Level.SUCCESS,
            "FAIL", Level.ERROR,
            "FAILED", Level.ERROR);

    /** logrus' text format cuts level names to four letters: {@code WARN[0000] …}, {@code ERRO[0001] …}. */
    private static final Map<String, Level> LOGRUS_WORDS = Map.of(
            "TRAC", Level.DEBUG,
            "DEBU", Level.DEBUG,
            "INFO", Level.INFO,
            "WARN", Level.WARN,
            "ERRO", Level.ERROR,
            "FATA", Level.ERROR,
            "PANI", Level.ERROR);

    private static final WordTable LEVEL_TABLE = new WordTable(LEVEL_WORDS);
    private static final WordTable TAG_TABLE = new WordTable(LEVEL_WORDS, OUTCOME_WORDS);

    private LevelNames() {
    }

    /** The level a word standing bare in a header names ({@code s[from, to)}, letters only), or null. */
    static Level word(String s, int from, int to) {
        return LEVEL_TABLE.get(s, from, to);
    }

    /** The level named by a tag's content or a level field's value, surrounding blanks ignored, or null. */
    static Level tag(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        return TAG_TABLE.get(s, from, to);
    }

    /** The level of an upper-case logrus prefix such as {@code ERRO}, or null. */
    static Level logrus(String s, int from, int to) {
        return to - from == 4 && isUpperCase(s, from, to) ? LOGRUS_WORDS.get(s.substring(from, to)) : null;
    }

    /** pino and bunyan write the level as a number: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
    static Level pinoNumber(int number) {
        return switch (number) {
            case 10, 20 -> Level.DEBUG;
            case 30 -> Level.INFO;
            case 40 -> Level.WARN;
            case 50, 60 -> Level.ERROR;
            default -> null;
        };
    }

    static boolean isUpperCase(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * Case-insensitive lookup of a word given as a range of a line, without copying it: lines are parsed by the
     * hundred thousand a second and most header tokens are not level words.
     */
    private static final class WordTable {

        private static final int NOT_A_WORD = -1;

        private final String[] words;
        private final Level[] levels;
        private final int mask;

        @SafeVarargs
        WordTable(Map<String, Level>... parts) {
            Map<String, Level> entries = new HashMap<>();
            for (Map<String, Level> part : parts) {
                entries.putAll(part);
            }
            int size = Integer.highestOneBit(entries.size() * 4);
            words = new String[size];
            levels = new Level[size];
            mask = size - 1;
            entries.forEach((word, level) -> {
                int slot = hash(word, 0, word.length()) & mask;
                while (words[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                words[slot] = word;
                levels[slot] = level;
            });
        }

        Level get(String s, int from, int to) {
            int length = to - from;
            if (length < 2 || length > LONGEST) {
                return null;
            }
            int hash = hash(s, from, to);
            if (hash == NOT_A_WORD) {
                return null;
            }
            for (int slot = hash & mask; words[slot] != null; slot = (slot + 1) & mask) {
                String word = words[slot];
                if (word.length() == length && s.regionMatches(true, from, word, 0, length)) {
                    return levels[slot];
                }
            }
            return null;
        }

        /** A hash of the upper-cased ASCII letters, or {@link #NOT_A_WORD} if another character is there. */
        private static int hash(String s, int from, int to) {
            int hash = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c >= 'a' && c <= 'z') {
                    c = (char) (c - ('a' - 'A'));
                } else if (c < 'A' || c > 'Z') {
                    return NOT_A_WORD;
                }
                hash = hash * 31 + c;
            }
            return hash & Integer.MAX_VALUE;
        }
    }
}
