package io.vigil.monitor.metrics;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.vigil.monitor.api.OpenSockets;
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

    private final OpenSockets sockets;
    private final Hub hub;
    private final CounterRate sentRate;

    GatewayFigures(OpenSockets sockets, Hub hub, MeterRegistry registry, MetricsConfig config) {
        this.sockets = sockets;
        this.hub = hub;
        this.sentRate = new CounterRate(config.rateWindow());
        sockets.endpoints().forEach((id, path) -> Gauge.builder("vigil.gateway.connections",
                () -> sockets.count(id))
                .description("Open WebSocket connections per endpoint").tag("endpoint", path).register(registry));
        FunctionCounter.builder("vigil.gateway.messages.sent", hub, h -> h.stats().sent())
                .description("Messages written to WebSocket clients").register(registry);
        FunctionCounter.builder("vigil.gateway.lagging.disconnects", hub, h -> h.stats().laggingDisconnects())
                .description("Clients closed because they could not keep up").register(registry);
    }

    public GatewayMetrics now(Instant now) {
        Map<String, Long> connections = sockets.byEndpoint();
        var stats = hub.stats();
        return new GatewayMetrics(connections, sentRate.perSecond(now, stats.sent()), stats.sent(),
                stats.laggingDisconnects());
    }
}
