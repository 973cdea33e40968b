package io.vigil.monitor.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * {@code /health} and {@code /metrics}, where the existing clients' health checks and scrapers look: answered by
 * {@code /q/health} (the same JSON, 200 or 503) and {@code /q/metrics} (Prometheus text) themselves, not copies.
 */
@ApplicationScoped
public class ProbeAliases {

    void route(@Observes Router router) {
        router.get("/health").handler(context -> context.reroute("/q/health"));
        router.get("/metrics").handler(context -> context.reroute("/q/metrics"));
    }
}
