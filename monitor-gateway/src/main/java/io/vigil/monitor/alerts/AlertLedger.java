package io.vigil.monitor.alerts;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.vigil.events.payload.AlertFired;
import io.vigil.events.payload.AlertResolved;
import io.vigil.outbox.EventOutbox;

/**
 * Records firings and resolutions and, in the same transaction, their {@code alert.fired} / {@code alert.resolved}
 * events in the outbox, only when the write changed a row: the replica that lost the race publishes nothing. A
 * silenced alert is recorded without an event; should its silence lift while it is open, it fires then.
 */
@ApplicationScoped
@Transactional
public class AlertLedger {

    private final AlertStore alerts;
    private final SilenceStore silences;
    private final EventOutbox outbox;

    AlertLedger(AlertStore alerts, SilenceStore silences, EventOutbox outbox) {
        this.alerts = alerts;
        this.silences = silences;
        this.outbox = outbox;
    }

    /** The new alert, when none with its fingerprint was open. */
    public Optional<Alert> fire(Verdict.Fire fire) {
        boolean silenced = silences.active(fire.at()).stream().anyMatch(s -> s.silences(fire.labels(), fire.at()));
        Optional<Alert> created = alerts.insertIfNoneOpen(fire, silenced);
        created.filter(alert -> !alert.silenced()).ifPresent(this::publishFired);
        return created;
    }

    /** The alert that was open with this fingerprint, now resolved. */
    public Optional<Alert> resolve(String fingerprint, String resolvedBy, Instant at) {
        Optional<Alert> resolved = alerts.resolveOpen(fingerprint, resolvedBy, at);
        resolved.ifPresent(this::publishResolved);
        return resolved;
    }

    /** The alert with this id, now resolved; empty when it is unknown or was resolved already. */
    public Optional<Alert> resolveById(String id, String resolvedBy, Instant at) {
        Optional<Alert> resolved = alerts.resolveById(id, resolvedBy, at);
        resolved.ifPresent(this::publishResolved);
        return resolved;
    }

    /** The silenced open alert, now pushed as firing, when no active silence matches it any more. */
    public Optional<Alert> liftSilence(Alert alert, Instant now) {
        if (silences.active(now).stream().anyMatch(s -> s.silences(alert.labels(), now))) {
            return Optional.empty();
        }
        Optional<Alert> lifted = alerts.unsilence(alert.id());
        lifted.ifPresent(this::publishFired);
        return lifted;
    }

    private void publishFired(Alert alert) {
        outbox.publish(alert.id(), alert.firedAt(), new AlertFired(alert.id(), alert.rule(), alert.severity().wire(),
                alert.fingerprint(), alert.summary(), alert.labels(), alert.firedAt()));
    }

    private void publishResolved(Alert alert) {
        if (!alert.silenced()) { // never pushed as firing, so nobody waits for its end
            outbox.publish(alert.id(), alert.resolvedAt(), new AlertResolved(alert.id(), alert.rule(),
                    alert.fingerprint(), alert.resolvedBy(), alert.resolvedAt()));
        }
    }
}
