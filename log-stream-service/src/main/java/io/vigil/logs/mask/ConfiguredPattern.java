package io.vigil.logs.mask;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern of secrets given in the configuration: what it matches is masked, or only its group named
 * {@code secret} when it has one (a match in which that group took no part masks nothing).
 *
 * <p>It runs on every line, and a regular expression can backtrack for a time exponential in the line's length.
 * So it reads the line through a budget of {@value #STEPS_PER_CHAR} character reads per character: past that,
 * the whole line is masked rather than let out unchecked, and the service goes on with the next line.
 */
final class ConfiguredPattern {

    static final int STEPS_PER_CHAR = 200;
    private static final String GROUP = "secret";

    private final Pattern pattern;
    private final boolean hasSecretGroup;

    private ConfiguredPattern(Pattern pattern, boolean hasSecretGroup) {
        this.pattern = pattern;
        this.hasSecretGroup = hasSecretGroup;
    }

    static ConfiguredPattern compile(String regex) {
        Objects.requireNonNull(regex, "secret pattern");
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid secret pattern " + regex + ": " + e.getDescription()
                    + " at index " + e.getIndex(), e);
        }
        return new ConfiguredPattern(pattern, hasSecretGroup(regex));
    }

    /**
     * Whether {@code regex} defines a group named {@code secret}. Java 17 has no API to list a pattern's groups;
     * a second definition of the name is refused by the compiler, which tells. (A pattern ending inside a
     * {@code \Q} quote or an {@code (?x)} comment hides its group from this: then the whole match is masked,
     * more than asked, never less.)
     */
    private static boolean hasSecretGroup(String regex) {
        try {
            Pattern.compile(regex + "|(?<" + GROUP + ">)");
            return false;
        } catch (PatternSyntaxException e) {
            return e.getDescription().contains("<" + GROUP + ">");
        }
    }

    Spans find(String line, Spans found) {
        Matcher matcher = pattern.matcher(new BudgetedText(line, (long) STEPS_PER_CHAR * (line.length() + 16)));
        try {
            while (matcher.find()) {
                int start = hasSecretGroup ? matcher.start(GROUP) : matcher.start();
                int end = hasSecretGroup ? matcher.end(GROUP) : matcher.end();
                if (start >= 0) {
                    found = Spans.add(found, start, end);
                }
            }
            return found;
        } catch (BudgetedText.Exhausted e) {
            return Spans.add(found, 0, line.length());
        }
    }

    /** A line read by a regular expression, which gives up after a number of reads. */
    private static final class BudgetedText implements CharSequence {

        /** Thrown out of the matcher; no stack trace, since it says nothing but "too long". */
        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super("regular expression took too long", null, false, false);
            }
        }

        private final String text;
        private long reads;

        BudgetedText(String text, long reads) {
            this.text = text;
            this.reads = reads;
        }

        @Override
        public char charAt(int index) {
            if (--reads < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
