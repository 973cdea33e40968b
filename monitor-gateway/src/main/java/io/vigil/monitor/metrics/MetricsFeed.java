package io.vigil.monitor.metrics;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.events.VigilEvent;
import io.vigil.monitor.messaging.EventObserver;

/** Hands every new event to the aggregates board, stamped with when the gateway received it. */
@ApplicationScoped
public class MetricsFeed implements EventObserver {

    private final MetricsBoard board;
    private final Clock clock;

    MetricsFeed(MetricsBoard board, Clock clock) {
        this.board = board;
        this.clock = clock;
    }

    @Override
    public void observe(VigilEvent<?> event) {
        board.observe(event, clock.instant());
    }
}
