package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;

/** A fired alert's condition is no longer true, or an operator resolved it. Subject: the alert id. */
public record AlertResolved(String alertId, String rule, String fingerprint, String resolvedBy, Instant resolvedAt) {

    public AlertResolved {
        requiredText(alertId, "alert_id");
        requiredText(rule, "rule");
        requiredText(fingerprint, "fingerprint");
        required(resolvedAt, "resolved_at");
    }
}
