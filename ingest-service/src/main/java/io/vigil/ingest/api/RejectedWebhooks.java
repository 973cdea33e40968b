package io.vigil.ingest.api;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vigil.problem.Problem;

/**
 * Counts every problem answered on a webhook path as a rejected webhook, by its status, whichever mapper (this
 * service's or the problem library's) wrote it.
 */
public class RejectedWebhooks {

    private final WebhookMetrics metrics;

    RejectedWebhooks(WebhookMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerResponseFilter
    public void count(ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && problem.instance() != null
                && problem.instance().startsWith("/api/webhook")) {
            metrics.rejected(problem.status());
        }
    }
}
