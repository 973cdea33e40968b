package io.vigil.events;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The life-cycle state shared by deployments, steps, runs, run steps and log tasks.
 * Written in lower case on the wire; a reader meets {@link #UNKNOWN} for a state a newer writer added.
 */
public enum Status {
    PENDING, RUNNING, SUCCESS, FAILED, SKIPPED, CANCELLED, UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True once nothing more will happen to the entity. */
    public boolean isTerminal() {
        return this == SUCCESS || this == FAILED || this == SKIPPED || this == CANCELLED;
    }

    @JsonCreator
    public static Status fromWire(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
