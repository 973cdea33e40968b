package io.vigil.ingest.api;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.events.Status;

/**
 * What the webhooks did, for {@code /q/metrics}: requests by source and outcome, reports by deployment
 * status, and how long accepted ones took.
 */
@ApplicationScoped
public class WebhookMetrics {

    static final String SOURCE = "vigil";
    private final MeterRegistry registry;
    private final Timer processing;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.processing = Timer.builder("vigil.webhook.processing").description("time to store an accepted report")
                .tag("source", SOURCE).publishPercentileHistogram().register(registry);
    }

    void accepted(Status status, boolean redelivery, Duration took) {
        received(redelivery ? "redelivery" : "accepted");
        if (!redelivery) {
            Counter.builder("vigil.deployment.reports").description("deployment reports stored, by the status they set")
                    .tag("status", status.wire()).register(registry).increment();
            processing.record(took);
        }
    }

    void rejected(int httpStatus) {
        received(switch (httpStatus) {
            case 401 -> "unauthorized";
            case 413 -> "too_large";
            case 429 -> "rate_limited";
            case 415 -> "unsupported_media_type";
            default -> httpStatus >= 500 ? "error" : "invalid";
        });
    }

    private void received(String outcome) {
        Counter.builder("vigil.webhooks.received").description("webhook requests by source and outcome")
                .tag("source", SOURCE).tag("outcome", outcome).register(registry).increment();
    }
}
