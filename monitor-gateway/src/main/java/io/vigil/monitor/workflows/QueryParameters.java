package io.vigil.monitor.workflows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.vigil.events.EventType;

/** Reads the list APIs' query parameters, each wrong one an {@link InvalidParameter} naming it. */
public final class QueryParameters {

    /** Longest text filter (project, subject, id) taken; the owners' ids are shorter. */
    static final int MAX_TEXT = 255;

    private QueryParameters() {
    }

    /** {@code text} as a number from {@code min} to {@code max}; {@code fallback} when absent. */
    public static int between(String field, String text, int min, int max, int fallback) {
        if (isBlank(text)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other value out of range
        }
        throw new InvalidParameter(field, "must be a whole number from " + min + " to " + max);
    }

    /** An RFC 3339 time, or null when absent. */
    public static Instant time(String field, String text) {
        if (isBlank(text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(field, "must be an RFC 3339 time such as 2026-01-01T00:00:00Z");
        }
    }

    /** A text filter, trimmed; null when absent. */
    public static String text(String field, String text) {
        if (isBlank(text)) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidParameter(field, "must be at most " + MAX_TEXT + " characters");
        }
        return text.trim();
    }

    /** An event type, short ({@code run.updated}) or in full ({@code io.vigil.run.updated}), as the short name. */
    public static String eventType(String field, String text) {
        if (isBlank(text)) {
            return null;
        }
        String name = text.trim();
        return EventType.ofCeType(name).or(() -> EventType.ofCeType("io.vigil." + name))
                .map(EventType::shortName)
                .orElseThrow(() -> new InvalidParameter(field, "unknown event type '" + abbreviated(name)
                        + "'; use one such as deployment.updated or run.updated"));
    }

    public static WorkflowType workflowType(String field, String text) {
        return WorkflowType.fromWire(text == null ? "" : text.trim()).orElseThrow(() -> new InvalidParameter(field,
                "must be deployment, run or task"));
    }

    public static Cursor cursor(String field, String text) {
        if (isBlank(text)) {
            return null;
        }
        try {
            return Cursor.decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(field, e.getMessage());
        }
    }

    /** Requires {@code since} not to be after {@code until}. */
    public static void ordered(Instant since, Instant until) {
        if (since != null && until != null && since.isAfter(until)) {
            throw new InvalidParameter("until", "must not be before since");
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
