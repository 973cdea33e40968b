package io.vigil.events.payload;

import static io.vigil.events.Fields.required;

import java.time.Instant;
import java.util.Map;

/**
 * Aggregates over one window ({@code from} to {@code to}). Subject: {@code metrics}.
 * Values are named like Prometheus series, e.g. {@code deployments_total}, {@code deployments_failed_total}.
 */
public record MetricsSnapshot(Instant from, Instant to, Map<String, Double> values) {

    public MetricsSnapshot {
        required(from, "from");
        required(to, "to");
        values = Map.copyOf(required(values, "values"));
    }
}
