package io.vigil.monitor.api;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vigil.monitor.fanout.Connection;
import io.vigil.monitor.fanout.Hub;

/** The fan-out connection of each open WebSocket, by its id, on every endpoint. */
@ApplicationScoped
public class GatewayClients {

    private final Hub hub;
    private final Map<String, Connection> byId = new ConcurrentHashMap<>();

    GatewayClients(Hub hub) {
        this.hub = hub;
    }

    Connection open(WebSocketConnection socket) {
        Connection connection = hub.connect(socket.id(), new WebSocketSink(socket));
        byId.put(socket.id(), connection);
        return connection;
    }

    Optional<Connection> of(WebSocketConnection socket) {
        return Optional.ofNullable(byId.get(socket.id()));
    }

    void closed(WebSocketConnection socket) {
        Connection connection = byId.remove(socket.id());
        if (connection != null) {
            connection.closed();
        }
    }
}
