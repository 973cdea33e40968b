package io.vigil.ingest.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.RestResponse;

import io.vigil.ingest.domain.ReportRejected;
import io.vigil.events.Status;
import io.vigil.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import io.vigil.ingest.domain.DeploymentRecorder.Submission;
import io.vigil.ingest.domain.DeploymentReport;
import io.vigil.ingest.domain.ReportQueue;

/**
 * What every webhook format shares once its body is read: the size limit, the delivery key that makes a
 * redelivery harmless, storing the report, the metrics and the answer.
 */
@ApplicationScoped
public class WebhookIntake {

    private final ReportQueue queue;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final long maxBody;

    WebhookIntake(ReportQueue queue, WebhookMetrics metrics, Clock clock, IngestConfig config) {
        this.queue = queue;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBody = config.webhook().maxBody().asLongValue();
    }

    /** What the sender gets back: the deployment its report was stored under. */
    public record Accepted(String deploymentId, String project, Status status) {
    }

    public void checkSize(byte[] body) {
        if (body.length > maxBody) {
            throw new TooLarge("the body has " + body.length + " bytes; at most " + maxBody + " are accepted");
        }
    }

    /**
     * Queues the report to be stored unless this delivery was seen before; either way answers, once it is
     * committed, as the first time did. Does not block: the request's thread is free while the report waits.
     */
    public Uni<RestResponse<Accepted>> accept(String sender, String deliveryHeader, String delivery, byte[] body,
            DeploymentReport report, long startNanos) {
        String key = sender + ":" + deliveryId(deliveryHeader, delivery, body);
        return Uni.createFrom().completionStage(queue.submit(new Submission(report.orReportedAt(clock.instant()), key)))
                .map(receipt -> {
                    metrics.accepted(receipt.status(), receipt.redelivery(),
                            Duration.ofNanos(System.nanoTime() - startNanos));
                    return RestResponse.ResponseBuilder.ok(new Accepted(receipt.deploymentId().toString(),
                            receipt.project(), receipt.status())).header("X-Vigil-Redelivery", receipt.redelivery()).build();
                });
    }

    /** The sender's delivery id, or the SHA-256 of the body when it gives none. */
    private static String deliveryId(String header, String value, byte[] body) {
        if (value != null && !value.isBlank()) {
            if (value.length() > 200) {
                throw new ReportRejected(header, "must be at most 200 characters");
            }
            return value.trim();
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body over the configured limit; answered 413. */
    public static class TooLarge extends RuntimeException {
        public TooLarge(String message) {
            super(message);
        }
    }
}
