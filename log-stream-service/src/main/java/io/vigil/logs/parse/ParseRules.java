package io.vigil.logs.parse;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A source's own line patterns, tried before the built-in ones; each is optional. {@code level} must have a named
 * group {@code level} whose text is a level name or synonym; {@code progress} a group {@code progress} holding a
 * percentage; {@code step} groups {@code step} and {@code steps}, and optionally {@code text} naming the step
 * (without it, the text after the match names it).
 */
public record ParseRules(Pattern level, Pattern progress, Pattern step) {

    public static final ParseRules NONE = new ParseRules(null, null, null);

    public ParseRules {
        requireGroups("level", level, "level");
        requireGroups("progress", progress, "progress");
        requireGroups("step", step, "step", "steps");
    }

    /**
     * Compiles a source's patterns; a null or blank one is not set.
     *
     * @throws IllegalArgumentException naming the pattern that does not compile or lacks a named group
     */
    public static ParseRules of(String level, String progress, String step) {
        return new ParseRules(compile("level", level), compile("progress", progress), compile("step", step));
    }

    /** Whether the pattern defines a group of this name. */
    static boolean hasGroup(Pattern pattern, String group) {
        if ((pattern.flags() & Pattern.LITERAL) != 0) {
            return false;
        }
        String regex = pattern.pattern();
        // A back-reference to a group that is not defined before it is a syntax error, and the pattern's own groups
        // all are: so this compiles exactly when the group exists. The newline ends a trailing (?x) comment.
        String probe = "(?:" + regex + (endsInsideQuote(regex) ? "\\E" : "") + "\n)|\\k<" + group + ">";
        try {
            Pattern.compile(probe, pattern.flags());
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static Pattern compile(String name, String regex) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "the " + name + " pattern is not a valid regular expression: " + e.getDescription()
                            + " near index " + e.getIndex() + " of " + regex, e);
        }
    }

    private static void requireGroups(String name, Pattern pattern, String... groups) {
        if (pattern == null) {
            return;
        }
        for (String group : groups) {
            if (!hasGroup(pattern, group)) {
                throw new IllegalArgumentException(
                        "the " + name + " pattern has no named group '" + group + "', as in (?<" + group + ">...): "
                                + pattern.pattern());
            }
        }
    }

    /** Whether a {@code \Q} quote is still open at the end, which would swallow anything appended. */
    private static boolean endsInsideQuote(String regex) {
        boolean quoted = false;
        for (int i = 0; i + 1 < regex.length(); i++) {
            if (regex.charAt(i) != '\\') {
                continue;
            }
            char next = regex.charAt(i + 1);
            if (quoted) {
                if (next == 'E') {
                    quoted = false;
                    i++;
                }
            } else {
                quoted = next == 'Q';
                i++;
            }
        }
        return quoted;
    }
}
