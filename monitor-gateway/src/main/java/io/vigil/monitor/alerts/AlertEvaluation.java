package io.vigil.monitor.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.events.VigilEvent;
import io.vigil.monitor.messaging.EventObserver;

/**
 * Runs the rules: on each event from the feed (the verdicts are written on {@link AlertWork}'s thread), and every
 * {@code vigil.alerts.evaluation-interval} or on request for time-based conditions. Each verdict that changes
 * something is written in a transaction of its own, so one failure does not undo the others.
 */
@ApplicationScoped
public class AlertEvaluation implements EventObserver {

    /** What one evaluation changed. */
    public record Changes(List<Alert> fired, List<Alert> resolved) {
    }

    private static final Logger LOG = Logger.getLogger(AlertEvaluation.class);

    private final RuleBook rules;
    private final AlertLedger ledger;
    private final AlertStore alerts;
    private final OpenFingerprints open;
    private final AlertWork work;
    private final Clock clock;

    AlertEvaluation(RuleBook rules, AlertLedger ledger, AlertStore alerts, OpenFingerprints open, AlertWork work,
            Clock clock) {
        this.rules = rules;
        this.ledger = ledger;
        this.alerts = alerts;
        this.open = open;
        this.work = work;
        this.clock = clock;
    }

    @Override
    public void observe(VigilEvent<?> event) {
        List<Verdict> verdicts = rules.observe(event);
        if (verdicts.stream().anyMatch(open::changes)) {
            work.submit("verdicts on event " + event.id(), () -> apply(verdicts));
        }
    }

    /** Knows the open alerts from the start, so an event that clears one resolves it before the first evaluation. */
    void onStart(@Observes StartupEvent start) {
        open.reload(alerts.openFingerprints());
    }

    @Scheduled(every = "${vigil.alerts.evaluation-interval:10s}", delayed = "${vigil.alerts.evaluation-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        evaluate();
    }

    /** Evaluates every rule now; answers what fired and what resolved. */
    public Changes evaluate() {
        Instant now = clock.instant();
        open.reload(alerts.openFingerprints());
        Changes changes = apply(rules.evaluate(now));
        for (Alert silenced : alerts.openSilenced()) {
            ledger.liftSilence(silenced, now).ifPresent(alert -> LOG.infof("alert %s: its silence ended", alert.id()));
        }
        return changes;
    }

    private Changes apply(List<Verdict> verdicts) {
        List<Alert> fired = new ArrayList<>();
        List<Alert> resolved = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            if (!open.changes(verdict)) {
                continue;
            }
            String fingerprint = verdict.key().fingerprint();
            try {
                if (verdict instanceof Verdict.Fire fire) {
                    ledger.fire(fire).ifPresent(fired::add);
                    open.opened(fingerprint);
                } else {
                    ledger.resolve(fingerprint, Alert.AUTO, verdict.at()).ifPresent(resolved::add);
                    open.closed(fingerprint);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "alert %s of rule %s could not be written; the next evaluation tries again",
                        fingerprint, verdict.key().rule());
            }
        }
        fired.forEach(alert -> LOG.infof("alert %s fired%s: %s", alert.id(), alert.silenced() ? " (silenced)" : "",
                alert.summary()));
        resolved.forEach(alert -> LOG.infof("alert %s resolved: its condition cleared", alert.id()));
        return new Changes(fired, resolved);
    }
}
