package io.vigil.events;

import java.util.Collection;

/** Checks of required payload fields; the message names the field so a reader of the error knows what to fix. */
public final class Fields {
    private Fields() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    public static String requiredText(String value, String field) {
        if (required(value, field).isBlank()) {
            throw new IllegalArgumentException("required field '" + field + "' is blank");
        }
        return value;
    }

    public static <C extends Collection<?>> C requiredItems(C value, String field) {
        if (required(value, field).isEmpty()) {
            throw new IllegalArgumentException("required field '" + field + "' is empty");
        }
        return value;
    }

    public static long positive(long value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException("field '" + field + "' must be 1 or more, was " + value);
        }
        return value;
    }
}
