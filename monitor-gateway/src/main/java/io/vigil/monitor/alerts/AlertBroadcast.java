package io.vigil.monitor.alerts;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vigil.events.VigilEvent;
import io.vigil.events.payload.AlertFired;
import io.vigil.events.payload.AlertResolved;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Hub;
import io.vigil.monitor.fanout.Publication;
import io.vigil.monitor.messaging.EventObserver;

/**
 * Pushes every replica's alert events, as they come back from Kafka, to the {@code alerts} channel: once in the
 * protocol's shape ({@code alert.fired} / {@code alert.resolved}) and once in the existing clients' ({@code alert}),
 * each client's filter taking its own. A resolution carries no summary or labels, so the alert is read from the
 * database, on {@link AlertWork}'s thread, which also keeps the events' order.
 */
@ApplicationScoped
public class AlertBroadcast implements EventObserver {

    private static final Logger LOG = Logger.getLogger(AlertBroadcast.class);

    private final Hub hub;
    private final AlertStore alerts;
    private final OpenFingerprints open;
    private final AlertWork work;
    private final Clock clock;

    AlertBroadcast(Hub hub, AlertStore alerts, OpenFingerprints open, AlertWork work, Clock clock) {
        this.hub = hub;
        this.alerts = alerts;
        this.open = open;
        this.work = work;
        this.clock = clock;
    }

    @Override
    public void observe(VigilEvent<?> event) {
        if (event.data() instanceof AlertFired fired) {
            open.opened(fired.fingerprint());
            Alert alert = new Alert(fired.alertId(), fired.rule(), fired.fingerprint(), severity(fired),
                    fired.summary(), fired.labels(), false, fired.firedAt(), null, null);
            work.submit("pushing alert " + alert.id(), () -> push(alert));
        } else if (event.data() instanceof AlertResolved resolved) {
            open.closed(resolved.fingerprint());
            work.submit("pushing alert " + resolved.alertId(), () -> alerts.find(resolved.alertId()).ifPresentOrElse(
                    this::push, () -> LOG.debugf("alert %s resolved, but it is not in the database", resolved.alertId())));
        }
    }

    private void push(Alert alert) {
        if (hub.clients(Channel.ALERTS) == 0) {
            return;
        }
        String type = alert.resolvedAt() == null ? AlertMessages.FIRED : AlertMessages.RESOLVED;
        hub.publish(Publication.to(Channel.ALERTS).type(type)
                .encodedBy(() -> AlertMessages.change(alert, clock.instant())));
        hub.publish(Publication.to(Channel.ALERTS).type(AlertMessages.LEGACY)
                .encodedBy(() -> AlertMessages.legacy(alert)));
    }

    private static Severity severity(AlertFired fired) {
        try {
            return Severity.fromWire(fired.severity());
        } catch (IllegalArgumentException e) {
            return Severity.WARNING; // a newer writer's severity still reaches the clients
        }
    }
}
