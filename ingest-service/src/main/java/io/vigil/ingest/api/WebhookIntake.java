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
import io.vigil.ingest.domain.DeploymentRecorder;
import io.vigil.ingest.domain.DeploymentRecorder.Receipt;
import io.vigil.ingest.domain.DeploymentReport;

/**
 * What every webhook format shares once its body is read: the size limit, the delivery key that makes a
 * redelivery harmless, storing the report, the metrics and the answer.
 */
@ApplicationScoped
public class WebhookIntake {

    private final DeploymentRecorder recorder;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final long maxBody;

    WebhookIntake(DeploymentRecorder recorder, WebhookMetrics metrics, Clock clock, IngestConfig config) {
        this.recorder = recorder;
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

    /** Stores the report unless this delivery was seen before; either way answers as the first time did. */
    public RestResponse<Accepted> accept(String sender, String deliveryHeader, String delivery, byte[] body,
            DeploymentReport report, long startNanos) {
        String key = sender + ":" + deliveryId(deliveryHeader, delivery, body);
        Receipt receipt = recorder.record(report.orReportedAt(clock.instant()), key);
        metrics.accepted(receipt.status(), receipt.redelivery(), Duration.ofNanos(System.nanoTime() - startNanos));
        return RestResponse.ResponseBuilder.ok(new Accepted(receipt.deploymentId().toString(), receipt.project(),
                receipt.status())).header("X-Vigil-Redelivery", receipt.redelivery()).build();
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
