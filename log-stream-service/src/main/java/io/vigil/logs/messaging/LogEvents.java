package io.vigil.logs.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.VigilEvent;

/** Publishes this service's events to Kafka as binary-mode CloudEvents; the Uni completes when Kafka confirmed. */
@ApplicationScoped
public class LogEvents {

    public static final String CHANNEL = "log-events";

    private final MutinyEmitter<String> emitter;

    LogEvents(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(VigilEvent<?> event) {
        return emitter.sendMessage(KafkaCloudEvents.toMessage(event));
    }
}
