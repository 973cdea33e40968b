package io.vigil.monitor.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vigil.events.KafkaCloudEvents;
import io.vigil.events.VigilEvent;

/** Publishes the gateway's own events (alerts, metrics snapshots) as binary-mode CloudEvents to their topics. */
@ApplicationScoped
public class MonitorEvents {

    public static final String CHANNEL = "monitor-events";

    private final MutinyEmitter<String> emitter;

    MonitorEvents(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(VigilEvent<?> event) {
        return emitter.sendMessage(KafkaCloudEvents.toMessage(event));
    }
}
