package io.vigil.pipeline.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a duration as authors write it: a count and one unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}) or ISO-8601 ({@code PT30S}). */
final class DurationText {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private DurationText() {
    }

    static Optional<Duration> parse(String text) {
        Matcher shortForm = SHORT.matcher(text.strip());
        if (shortForm.matches()) {
            long count = Long.parseLong(shortForm.group(1));
            return Optional.of(switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(count);
                case "s" -> Duration.ofSeconds(count);
                case "m" -> Duration.ofMinutes(count);
                default -> Duration.ofHours(count);
            });
        }
        try {
            return Optional.of(Duration.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
