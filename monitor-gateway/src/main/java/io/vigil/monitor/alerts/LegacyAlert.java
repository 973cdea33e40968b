package io.vigil.monitor.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An alert in the shape of the system Vigil replaces: its {@code alert_type} is the severity's old name and its
 * {@code account_id} the alert's project (null when the alert names none).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LegacyAlert(String alertId, String alertType, String accountId, String message, boolean resolved) {

    public static LegacyAlert of(Alert alert) {
        return new LegacyAlert(alert.id(), alert.severity().legacyType(), alert.labels().get("project"),
                alert.summary(), alert.resolvedAt() != null);
    }
}
