package io.vigil.monitor.workflows;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/** Counts this replica's open WebSocket connections by endpoint path ({@code /ws/runs/{runId}/events}). */
@ApplicationScoped
public class OpenSockets {

    private final OpenConnections connections;
    private final Map<String, String> paths = new ConcurrentHashMap<>();

    OpenSockets(OpenConnections connections) {
        this.connections = connections;
    }

    public Stats.Connections count() {
        Map<String, Long> byEndpoint = connections.stream().filter(WebSocketConnection::isOpen)
                .collect(Collectors.groupingBy(c -> paths.computeIfAbsent(c.endpointId(), OpenSockets::path),
                        TreeMap::new, Collectors.counting()));
        return new Stats.Connections(byEndpoint.values().stream().mapToLong(Long::longValue).sum(), byEndpoint);
    }

    /** An endpoint's id is its class's name unless it sets one: its {@link WebSocket#path()} then, else the id. */
    private static String path(String endpointId) {
        try {
            WebSocket socket = Class.forName(endpointId, false, Thread.currentThread().getContextClassLoader())
                    .getAnnotation(WebSocket.class);
            return socket == null ? endpointId : socket.path();
        } catch (ClassNotFoundException | LinkageError e) {
            return endpointId;
        }
    }
}
