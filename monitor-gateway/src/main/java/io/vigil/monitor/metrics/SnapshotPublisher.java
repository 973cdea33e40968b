package io.vigil.monitor.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.MetricsSnapshot;
import io.vigil.monitor.messaging.MonitorEvents;

/**
 * Publishes the aggregates every {@code snapshot-interval} as an {@code io.vigil.metrics.snapshot} (subject
 * {@code metrics}) to {@code vigil.metrics}, each covering the time since the one before.
 */
@ApplicationScoped
public class SnapshotPublisher {

    public static final String SUBJECT = "metrics";
    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    private final MonitorEvents events;
    private final MetricsUpdates metrics;
    private final MetricsStore store;
    private Instant from;

    SnapshotPublisher(MonitorEvents events, MetricsUpdates metrics, MetricsStore store, Clock clock) {
        this.events = events;
        this.metrics = metrics;
        this.store = store;
        this.from = clock.instant();
    }

    @Scheduled(every = "${vigil.metrics.snapshot-interval:60s}", delayed = "${vigil.metrics.snapshot-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishOnSchedule() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.warnf("the metrics snapshot was not published: %s", e.getMessage());
        }
    }

    /** Publishes one snapshot now and waits until Kafka has it. Blocking. */
    public synchronized VigilEvent<MetricsSnapshot> publish() {
        MetricsReport report = metrics.report();
        Instant to = report.at();
        VigilEvent<MetricsSnapshot> event = VigilEvent.of(SUBJECT, store.nextSnapshotSeq(), to,
                new MetricsSnapshot(from, to, SnapshotValues.of(report)));
        events.publish(event).await().atMost(Duration.ofSeconds(30));
        from = to;
        return event;
    }
}
