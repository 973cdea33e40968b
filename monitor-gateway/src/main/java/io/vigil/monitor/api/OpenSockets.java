package io.vigil.monitor.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * This replica's open WebSockets by endpoint, each endpoint named by the path it serves
 * ({@code /ws/runs/{runId}/events}): for the gateway's metrics and its stats alike.
 */
@ApplicationScoped
public class OpenSockets {

    private final OpenConnections open;
    private final Map<String, String> pathOfEndpoint;

    OpenSockets(OpenConnections open, BeanManager beans) {
        this.open = open;
        this.pathOfEndpoint = endpointPaths(beans);
    }

    /** Each endpoint's id and the path it serves. */
    public Map<String, String> endpoints() {
        return pathOfEndpoint;
    }

    /** Open connections of the endpoint with this id. */
    public int count(String endpointId) {
        return open.findByEndpointId(endpointId).size();
    }

    /** Open connections per endpoint path, in path order. */
    public Map<String, Long> byEndpoint() {
        return new TreeMap<>(open.stream().filter(WebSocketConnection::isOpen).collect(Collectors.groupingBy(
                (WebSocketConnection c) -> pathOfEndpoint.getOrDefault(c.endpointId(), c.endpointId()),
                Collectors.counting())));
    }

    private static Map<String, String> endpointPaths(BeanManager beans) {
        return beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(WebSocket.class)).distinct()
                .collect(Collectors.toUnmodifiableMap(OpenSockets::endpointId,
                        type -> type.getAnnotation(WebSocket.class).path(), (a, b) -> a));
    }

    /** An endpoint's id is its class's name unless its annotation sets one. */
    private static String endpointId(Class<?> type) {
        String id = type.getAnnotation(WebSocket.class).endpointId();
        return id.startsWith("<<") ? type.getName() : id; // the annotation's "not set" marker
    }
}
