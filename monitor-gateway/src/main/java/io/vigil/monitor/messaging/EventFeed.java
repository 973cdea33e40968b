package io.vigil.monitor.messaging;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vigil.events.EventDecodingException;
import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.monitor.config.GatewayConfig;
import io.vigil.monitor.domain.ExecutionSteps;
import io.vigil.monitor.domain.LatestDeployments;
import io.vigil.monitor.domain.RecentEventIds;
import io.vigil.monitor.fanout.Hub;

/**
 * Reads every Vigil event from Kafka and hands each one, once, to the fan-out. A record that is no valid
 * event is logged and skipped: one bad record must not stop the feed.
 */
@ApplicationScoped
public class EventFeed {

    public static final String CHANNEL = "vigil-events";
    private static final Logger LOG = Logger.getLogger(EventFeed.class);

    private final Hub hub;
    private final LatestDeployments latest;
    private final ExecutionSteps executionSteps;
    private final RecentEventIds recent;
    private final Instance<EventObserver> observers;

    EventFeed(Hub hub, LatestDeployments latest, ExecutionSteps executionSteps, GatewayConfig config,
            Instance<EventObserver> observers) {
        this.hub = hub;
        this.latest = latest;
        this.executionSteps = executionSteps;
        this.recent = new RecentEventIds(config.dedupeWindow());
        this.observers = observers;
    }

    @Incoming(CHANNEL)
    public CompletionStage<Void> receive(Message<String> message) {
        try {
            Optional<VigilEvent<?>> event = KafkaCloudEvents.fromMessage(message);
            if (event.isEmpty()) {
                LOG.debugf("skipped a record that is no known Vigil event at %s", where(message));
            } else if (recent.firstSeen(event.get().id())) {
                if (event.get().data() instanceof DeploymentUpdated deployment) {
                    latest.record(deployment);
                } else if (event.get().data() instanceof RunStepUpdated step) {
                    executionSteps.changed(step);
                }
                EventPublications.of(event.get(), channel -> hub.clients(channel) > 0, executionSteps::progress)
                        .forEach(hub::publish);
                observe(event.get(), message);
            }
        } catch (EventDecodingException e) {
            LOG.warnf("skipped an invalid event at %s: %s", where(message), e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not hand the event at %s to the clients; it is skipped", where(message));
        }
        return message.ack();
    }

    private void observe(VigilEvent<?> event, Message<?> message) {
        for (EventObserver observer : observers) {
            try {
                observer.observe(event);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s failed on the event at %s; the others still see it",
                        observer.getClass().getSimpleName(), where(message));
            }
        }
    }

    private static String where(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "/" + m.getPartition() + "@" + m.getOffset()).orElse("?");
    }
}
