package io.vigil.monitor.alerts;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition of a silence on an alert's labels: the label equals {@code value}, or, with {@code regex}, matches it
 * as a whole (anchored, as in Alertmanager). A label the alert does not have reads as empty.
 */
public record Matcher(String name, String value, boolean regex) {

    /** Label names as in Prometheus; values and patterns are bounded so a silence stays cheap to check. */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,63}");
    private static final int MAX_VALUE = 256;

    /** Checks the matcher; throws {@link IllegalArgumentException} naming the wrong part ({@code name}, {@code value}). */
    public Matcher {
        if (name == null || !LABEL_NAME.matcher(name).matches()) {
            throw new InvalidPart("name", "must be a label name ([a-zA-Z_][a-zA-Z0-9_]*, at most 64 characters)");
        }
        if (value == null || value.length() > MAX_VALUE) {
            throw new InvalidPart("value", "is required, at most " + MAX_VALUE + " characters");
        }
        if (regex) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new InvalidPart("value", "is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return regex ? Pattern.matches(value, actual) : value.equals(actual);
    }

    /** A matcher's part that is wrong: {@code part} names it. */
    public static final class InvalidPart extends IllegalArgumentException {

        private final String part;

        InvalidPart(String part, String message) {
            super(part + " " + message);
            this.part = part;
        }

        public String part() {
            return part;
        }
    }
}
