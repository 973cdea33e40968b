package io.vigil.monitor.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.vigil.events.EventCodec;

/**
 * What {@code /ws/alerts} sends, in the protocol's envelope {@code {"type","data","timestamp"}}: {@code alerts} (the
 * most recent, newest first) on connect, then {@code alert.fired} and {@code alert.resolved} with the alert as data;
 * and what the existing clients' alias sends: {@code {"type":"alert","timestamp","alert":{alert_id, alert_type,
 * account_id, message, resolved}}}.
 */
public final class AlertMessages {

    public static final String FIRED = "alert.fired";
    public static final String RESOLVED = "alert.resolved";
    public static final String LEGACY = "alert";

    @JsonPropertyOrder({ "type", "data", "timestamp" })
    private record Envelope(String type, Object data, Instant timestamp) {
    }

    @JsonPropertyOrder({ "type", "timestamp", "alert" })
    private record Legacy(String type, Instant timestamp, LegacyAlert alert) {
    }

    private AlertMessages() {
    }

    public static String recent(List<Alert> alerts, Instant now) {
        return write(new Envelope("alerts", Map.of("alerts", alerts), now));
    }

    /** {@code alert.fired} or {@code alert.resolved}, by the alert's state. */
    public static String change(Alert alert, Instant now) {
        return write(new Envelope(alert.resolvedAt() == null ? FIRED : RESOLVED, alert, now));
    }

    /** The alert as the existing clients read it: the time is when it fired, or when it resolved. */
    public static String legacy(Alert alert) {
        return write(new Legacy(LEGACY, alert.resolvedAt() != null ? alert.resolvedAt() : alert.firedAt(),
                LegacyAlert.of(alert)));
    }

    private static String write(Object message) {
        try {
            return EventCodec.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert message", e);
        }
    }
}
