package io.vigil.monitor.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vigil.monitor.fanout.Hub;
import io.vigil.monitor.metrics.MetricsReport.GatewayMetrics;

/**
 * The gateway's own figures: open WebSockets per endpoint (named by its path template, {@code /ws/runs/{runId}/events},
 * so the count of names stays small), messages the hub sent and clients it dropped for lagging. The same figures go
 * to Micrometer: {@code vigil_gateway_connections{endpoint}}, {@code vigil_gateway_messages_sent_total},
 * {@code vigil_gateway_lagging_disconnects_total}.
 */
@Startup
@ApplicationScoped
public class GatewayFigures {

    private final OpenConnections open;
    private final Hub hub;
    private final Map<String, String> pathOfEndpoint;
    private final CounterRate sentRate;

    GatewayFigures(OpenConnections open, Hub hub, BeanManager beans, MeterRegistry registry, MetricsConfig config) {
        this.open = open;
        this.hub = hub;
        this.pathOfEndpoint = endpointPaths(beans);
        this.sentRate = new CounterRate(config.rateWindow());
        pathOfEndpoint.forEach((id, path) -> Gauge.builder("vigil.gateway.connections",
                () -> open.findByEndpointId(id).size())
                .description("Open WebSocket connections per endpoint").tag("endpoint", path).register(registry));
        FunctionCounter.builder("vigil.gateway.messages.sent", hub, h -> h.stats().sent())
                .description("Messages written to WebSocket clients").register(registry);
        FunctionCounter.builder("vigil.gateway.lagging.disconnects", hub, h -> h.stats().laggingDisconnects())
                .description("Clients closed because they could not keep up").register(registry);
    }

    public GatewayMetrics now(Instant now) {
        Map<String, Long> connections = new TreeMap<>(open.stream().collect(Collectors.groupingBy(
                (WebSocketConnection c) -> pathOfEndpoint.getOrDefault(c.endpointId(), c.endpointId()),
                Collectors.counting())));
        var stats = hub.stats();
        return new GatewayMetrics(connections, sentRate.perSecond(now, stats.sent()), stats.sent(),
                stats.laggingDisconnects());
    }

    /** Each WebSocket endpoint's id (its class name unless it sets one) and the path it serves. */
    private static Map<String, String> endpointPaths(BeanManager beans) {
        return beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(WebSocket.class)).distinct()
                .collect(Collectors.toMap(GatewayFigures::endpointId,
                        type -> type.getAnnotation(WebSocket.class).path(), (a, b) -> a));
    }

    private static String endpointId(Class<?> type) {
        String id = type.getAnnotation(WebSocket.class).endpointId();
        return id.startsWith("<<") ? type.getName() : id; // the annotation's "not set" marker
    }
}
