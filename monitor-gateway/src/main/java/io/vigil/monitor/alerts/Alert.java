package io.vigil.monitor.alerts;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One firing of an alert, as stored: its id ({@code <fingerprint>-<n>}, the n-th firing of that fingerprint), what
 * fired it and when, and, once resolved, when and by whom ({@code auto} when its condition cleared). A silenced alert
 * is recorded but was never pushed as firing.
 */
public record Alert(String id, String rule, String fingerprint, Severity severity, String summary,
        Map<String, String> labels, boolean silenced, Instant firedAt, Instant resolvedAt, String resolvedBy) {

    /** Who resolves an alert whose condition cleared. */
    public static final String AUTO = "auto";

    public Alert {
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }

    /** {@code open} or {@code resolved}. */
    @JsonProperty("state")
    public String state() {
        return resolvedAt == null ? "open" : "resolved";
    }
}
