package io.vigil.monitor.api;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vigil.monitor.config.GatewayConfig;
import io.vigil.monitor.fanout.Connection;
import io.vigil.monitor.fanout.Hub;

/**
 * The fan-out connection of each open WebSocket, by its id, on every endpoint, and when each client was last
 * heard from: a message, or the pong its WebSocket stack sends back to the protocol pings
 * ({@code quarkus.websockets-next.server.auto-ping-interval}). A client silent for {@code idle-timeout} is a
 * dead peer or an idle one, and is closed (1001 idle).
 */
@ApplicationScoped
public class GatewayClients {

    private static final Logger LOG = Logger.getLogger(GatewayClients.class);

    private record Client(WebSocketConnection socket, Connection connection, AtomicLong lastHeard) {
    }

    private final Hub hub;
    private final GatewayConfig config;
    private final Map<String, Client> byId = new ConcurrentHashMap<>();

    GatewayClients(Hub hub, GatewayConfig config) {
        this.hub = hub;
        this.config = config;
    }

    Connection open(WebSocketConnection socket) {
        Connection connection = hub.connect(socket.id(), new WebSocketSink(socket));
        byId.put(socket.id(), new Client(socket, connection, new AtomicLong(System.nanoTime())));
        return connection;
    }

    /** The client's connection; hearing from it keeps it from being closed as idle. */
    Optional<Connection> of(WebSocketConnection socket) {
        Client client = byId.get(socket.id());
        if (client == null) {
            return Optional.empty();
        }
        client.lastHeard().set(System.nanoTime());
        return Optional.of(client.connection());
    }

    void closed(WebSocketConnection socket) {
        Client client = byId.remove(socket.id());
        if (client != null) {
            client.connection().closed();
        }
    }

    @Scheduled(every = "${vigil.gateway.idle-check-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        long limit = config.idleTimeout().toNanos();
        long now = System.nanoTime();
        byId.values().stream().filter(client -> now - client.lastHeard().get() > limit).forEach(client -> {
            LOG.debugf("closing %s: nothing heard for %s", client.socket().id(), config.idleTimeout());
            client.socket().close(new CloseReason(CloseReason.NORMAL.getCode() + 1, "idle")).subscribe().with(ok -> {
            }, failure -> LOG.debugf("closing %s: %s", client.socket().id(), failure.getMessage()));
        });
    }
}
