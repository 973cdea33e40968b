package io.vigil.monitor.alerts;

import java.time.Instant;
import java.util.List;

import io.vigil.events.VigilEvent;

/**
 * One alert condition, in plain Java: it keeps what it needs from the events it sees and says, on each event and on
 * each periodic evaluation, which of its alerts fire and which clear. Not thread-safe: {@link RuleBook} serialises
 * the calls.
 */
public interface AlertRule {

    /** The rule's name, also the alert's {@code rule} and part of its fingerprint. */
    String name();

    /** Verdicts following from a new event. */
    default List<Verdict> observe(VigilEvent<?> event) {
        return List.of();
    }

    /** Verdicts on time-based conditions (overdue, stuck, windows that empty), evaluated every interval. */
    default List<Verdict> evaluate(Instant now) {
        return List.of();
    }
}
