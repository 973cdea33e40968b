package io.vigil.events.payload;

import static io.vigil.events.Fields.required;
import static io.vigil.events.Fields.requiredText;

import java.time.Instant;
import java.util.Map;

/** An alert rule's condition became true. Subject: the alert id. The fingerprint identifies the alert across firings. */
public record AlertFired(
        String alertId,
        String rule,
        String severity,
        String fingerprint,
        String summary,
        Map<String, String> labels,
        Instant firedAt) {

    public AlertFired {
        requiredText(alertId, "alert_id");
        requiredText(rule, "rule");
        requiredText(severity, "severity");
        requiredText(fingerprint, "fingerprint");
        required(firedAt, "fired_at");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
