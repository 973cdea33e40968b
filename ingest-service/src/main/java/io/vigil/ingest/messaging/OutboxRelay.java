package io.vigil.ingest.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.VigilEvent;
import io.vigil.ingest.config.IngestConfig;

/**
 * Sends outbox events to Kafka: each commit's events right after it (no polling delay), and, on a timer,
 * any whose send was never confirmed (broker down, process killed). Events still waiting for Kafka's answer
 * are left alone by the sweep, so an outage does not double them. At least once; consumers dedupe by id.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "deployment-events";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<String> emitter;
    private final IngestConfig config;
    private final Clock clock;
    private final SentMarks marks;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, IngestConfig config, Clock clock, SentMarks marks,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
        this.marks = marks;
        Gauge.builder("vigil.outbox.backlog", OutboxRelay::backlog)
                .description("events written but not yet confirmed by Kafka").register(registry);
    }

    /**
     * Sends a committed transaction's events in their order; once Kafka confirmed all of them they are marked
     * sent (in batches); if any is not confirmed, the sweep resends the lot.
     */
    void send(List<VigilEvent<?>> events) {
        List<UUID> ids = events.stream().map(VigilEvent::id).toList();
        inFlight.addAll(ids);
        List<Uni<Void>> sends = events.stream().map(e -> emitter.sendMessage(KafkaCloudEvents.toMessage(e))).toList();
        Uni.join().all(sends).andCollectFailures()
                .onTermination().invoke(() -> ids.forEach(inFlight::remove))
                .subscribe().with(
                        ok -> marks.confirmed(ids),
                        failure -> LOG.warnf("events %s of %s not confirmed by Kafka, the sweep will resend them: %s",
                                ids, events.get(0).subject(), failure.getMessage()));
    }

    @Scheduled(every = "${vigil.ingest.outbox.sweep-interval:5s}", delayed = "${vigil.ingest.outbox.sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<OutboxEvent> rows = OutboxEvent.unsent(clock.instant().minus(config.outbox().sweepAfter()),
                    config.outbox().sweepBatch()).stream().filter(r -> !inFlight.contains(r.id)).toList();
            if (rows.isEmpty()) {
                return;
            }
            LOG.infof("resending %d unconfirmed events", rows.size());
            List<UUID> sent = new ArrayList<>();
            try {
                for (OutboxEvent row : rows) {
                    emitter.sendMessage(KafkaCloudEvents.toMessage(row.toEvent())).await().atMost(Duration.ofSeconds(30));
                    sent.add(row.id);
                }
            } catch (RuntimeException e) {
                LOG.warnf("resending stopped after %d of %d events, next sweep goes on: %s", sent.size(), rows.size(),
                        e.getMessage());
            }
            if (!sent.isEmpty()) {
                OutboxEvent.markSent(sent, clock.instant());
            }
        });
    }

    private static double backlog() {
        try {
            return QuarkusTransaction.requiringNew().call(OutboxEvent::countUnsent);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
