package io.vigil.monitor.metrics;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.monitor.domain.ClientText;


/** A message a metrics client sends: {@code {"type":"ping"}} or {@code {"type":"period","seconds":N}}. */
public sealed interface MetricsRequest {

    record Ping() implements MetricsRequest {
    }

    /** A new period for this client's updates, 1–60 s. */
    record Period(int seconds) implements MetricsRequest {
    }

    /** Reads a client's text; throws {@link IllegalArgumentException} naming what is wrong. */
    static MetricsRequest parse(String text) {
        JsonNode node = ClientText.typed(text);
        return switch (node.get("type").asText()) {
            case "ping" -> new Ping();
            case "period" -> new Period(seconds(node.get("seconds")));
            default -> throw new IllegalArgumentException("unknown message type '" + node.get("type").asText()
                    + "'; use ping or period");
        };
    }

    /** A period in whole seconds, 1–60; anything else is refused with a reason naming the field. */
    static int seconds(JsonNode value) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("field 'seconds' must be a whole number of seconds, "
                    + UpdateGroup.MIN_SECONDS + " to " + UpdateGroup.MAX_SECONDS);
        }
        return inRange(value.asInt(), value.toString(), "field 'seconds'");
    }

    /** A period from the {@code period} query parameter, as {@link #seconds(JsonNode)}. */
    static int seconds(String value) {
        try {
            return inRange(Integer.parseInt(value.trim()), value, "period");
        } catch (NumberFormatException e) {
            return inRange(0, value, "period");
        }
    }

    private static int inRange(int seconds, String given, String field) {
        if (seconds < UpdateGroup.MIN_SECONDS || seconds > UpdateGroup.MAX_SECONDS) {
            throw new IllegalArgumentException(field + " must be a whole number of seconds, " + UpdateGroup.MIN_SECONDS
                    + " to " + UpdateGroup.MAX_SECONDS + ", was " + given);
        }
        return seconds;
    }
}
