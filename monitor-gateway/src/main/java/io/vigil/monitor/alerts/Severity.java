package io.vigil.monitor.alerts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How bad an alert is. The existing clients know it as {@code alert_type}: error, warning or info. */
public enum Severity {
    CRITICAL("error"), WARNING("warning"), INFO("info");

    private final String legacyType;

    Severity(String legacyType) {
        this.legacyType = legacyType;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code alert_type} of the system Vigil replaces. */
    public String legacyType() {
        return legacyType;
    }

    /** The severity named {@code wire} (critical, warning, info); throws for anything else. */
    public static Severity fromWire(String wire) {
        for (Severity severity : values()) {
            if (severity.wire().equals(wire)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + wire + "'; one of critical, warning, info");
    }

    /** The severity the existing clients call {@code legacyType} (error, warning, info). */
    public static Severity fromLegacyType(String legacyType) {
        for (Severity severity : values()) {
            if (severity.legacyType.equals(legacyType)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown alert_type '" + legacyType + "'; one of error, warning, info");
    }
}
