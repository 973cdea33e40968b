package io.vigil.monitor.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vigil.events.VigilEvent;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.domain.Subscription;

/**
 * Pushes each event to every {@code /ws/monitor} client whose subscription accepts it. The message is
 * written once per event, not once per client.
 */
@ApplicationScoped
public class MonitorFanOut {

    private static final Logger LOG = Logger.getLogger(MonitorFanOut.class);

    private final OpenConnections connections;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    MonitorFanOut(OpenConnections connections) {
        this.connections = connections;
    }

    public void publish(VigilEvent<?> event) {
        String text = null;
        for (WebSocketConnection connection : connections.findByEndpointId(MonitorSocket.ID)) {
            if (subscriptions.getOrDefault(connection.id(), Subscription.EVERYTHING).accepts(event)) {
                text = text == null ? MonitorMessage.event(event) : text;
                connection.sendText(text).subscribe().with(ok -> {
                }, failure -> LOG.debugf("could not send to %s: %s", connection.id(), failure.getMessage()));
            }
        }
    }

    void subscribe(String connectionId, Subscription subscription) {
        subscriptions.put(connectionId, subscription);
    }

    void forget(String connectionId) {
        subscriptions.remove(connectionId);
    }
}
