package io.vigil.monitor.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The aggregates board, sized by the configuration. */
@ApplicationScoped
public class MetricsBeans {

    @Produces
    @ApplicationScoped
    MetricsBoard board(MetricsConfig config) {
        return new MetricsBoard(new MetricsBoard.Limits(config.remembered(), config.durationSamples(),
                config.rateWindow()));
    }
}
