package io.vigil.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.VigilEvent;

/**
 * Sends outbox events to Kafka: each commit's events right after it (no polling delay), and, on a timer,
 * any whose send was never confirmed (broker down, process killed). Events still waiting for Kafka's answer
 * are left alone by the sweep, so an outage does not double them. At least once; consumers dedupe by id.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox-events";
    /**
     * Events waiting for the Kafka sink, which takes up to max-inflight-messages at a time: a batch of webhooks
     * hands it thousands at once. Beyond this, sends fail and the sweep sends those events later.
     */
    private static final int EMITTER_BUFFER = 16_384;
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Clock clock;
    private final SentMarks marks;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextFailureLog = new AtomicLong(System.nanoTime());

    OutboxRelay(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
            MutinyEmitter<String> emitter, OutboxConfig config, Clock clock, SentMarks marks,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
        this.marks = marks;
        Gauge.builder("vigil.outbox.backlog", OutboxRelay::backlog)
                .description("events written but not yet confirmed by Kafka").register(registry);
    }

    /**
     * Sends a committed transaction's events in their order; each one Kafka confirms is marked sent (in
     * batches), each one it does not is left for the sweep, so an event is sent again only if its own send
     * failed, never because another one's did.
     */
    void send(List<VigilEvent<?>> events) {
        for (VigilEvent<?> event : events) {
            inFlight.add(event.id());
            emitter.sendMessage(KafkaCloudEvents.toMessage(event))
                    .onTermination().invoke(() -> inFlight.remove(event.id()))
                    .subscribe().with(ok -> marks.confirmed(event.id()), failure -> notConfirmed(event, failure));
        }
    }

    /** One line per failure is a flood in an outage: the first, then at most one every ten seconds. */
    private void notConfirmed(VigilEvent<?> event, Throwable failure) {
        long now = System.nanoTime();
        long next = nextFailureLog.get();
        if (now - next >= 0 && nextFailureLog.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(10))) {
            LOG.warnf("event %s (%s #%d) not confirmed by Kafka, the sweep will resend it (and any other unconfirmed"
                    + " ones; this is logged at most every 10 s): %s", event.id(), event.subject(), event.seq(),
                    failure.getMessage());
        }
    }

    @Scheduled(every = "${vigil.outbox.sweep-interval:5s}", delayed = "${vigil.outbox.sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<OutboxEvent> rows = OutboxEvent.unsent(clock.instant().minus(config.sweepAfter()),
                    config.sweepBatch()).stream().filter(r -> !inFlight.contains(r.id)).toList();
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
