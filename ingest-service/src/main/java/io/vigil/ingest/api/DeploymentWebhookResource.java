package io.vigil.ingest.api;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import io.vigil.events.Status;
import io.vigil.ingest.config.IngestConfig;
import io.vigil.ingest.domain.DeploymentRecorder;
import io.vigil.ingest.domain.DeploymentRecorder.Receipt;

/** The deployment webhook existing deploy scripts post to; a report may come once at the end or live, step by step. */
@Path("/api/webhook/deployment")
public class DeploymentWebhookResource {

    private static final Logger LOG = Logger.getLogger(DeploymentWebhookResource.class);

    private final DeploymentWebhookParser parser;
    private final WebhookSenders senders;
    private final DeploymentRecorder recorder;
    private final WebhookMetrics metrics;
    private final long maxBody;

    DeploymentWebhookResource(DeploymentWebhookParser parser, WebhookSenders senders, DeploymentRecorder recorder,
            WebhookMetrics metrics, IngestConfig config) {
        this.parser = parser;
        this.senders = senders;
        this.recorder = recorder;
        this.metrics = metrics;
        this.maxBody = config.webhook().maxBody().asLongValue();
    }

    /** What the sender gets back: the deployment its report was stored under. */
    public record Accepted(String deploymentId, String project, Status status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a deployment or a step of it",
            description = "Stores the report and publishes io.vigil.step.updated for each step whose status changed,"
                    + " then io.vigil.deployment.updated, on vigil.deployments. A report continues an earlier deployment"
                    + " with the same deployment_id, or else the same project, commit_hash and triggered_by received within"
                    + " the configured window. A delivery seen before (same X-Vigil-Delivery, or the same body when there is"
                    + " none) is answered as the first time and changes nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeploymentWebhook.class)))
    @APIResponse(responseCode = "200", description = "Stored, or a redelivery of a stored report",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Unknown sender, or a missing or wrong signature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than vigil.ingest.webhook.max-body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Accepted> receive(byte[] body,
            @Parameter(description = "the configured sender posting; default vigil.ingest.webhook.default-sender")
            @HeaderParam("X-Vigil-Sender") String sender,
            @Parameter(description = "sha256=<hex of HMAC-SHA256(body, sender secret)>")
            @HeaderParam("X-Vigil-Signature") String signature,
            @Parameter(description = "the sender's id of this delivery, for deduplication")
            @HeaderParam("X-Vigil-Delivery") String delivery) throws IOException {
        if (body.length > maxBody) {
            throw new TooLarge("the body has " + body.length + " bytes; at most " + maxBody + " are accepted");
        }
        long start = System.nanoTime();
        String verified = senders.verify(sender, signature, body);
        Receipt receipt = recorder.record(parser.parse(body), verified + ":" + deliveryId(delivery, body));
        metrics.accepted(receipt.status(), receipt.redelivery(), Duration.ofNanos(System.nanoTime() - start));
        if (receipt.redelivery()) {
            LOG.debugf("redelivery for deployment %s of %s answered as before", receipt.deploymentId(), receipt.project());
        }
        return RestResponse.ResponseBuilder.ok(new Accepted(receipt.deploymentId().toString(), receipt.project(),
                receipt.status())).header("X-Vigil-Redelivery", receipt.redelivery()).build();
    }

    /** The sender's delivery id, or the SHA-256 of the body when it gives none. */
    private static String deliveryId(String header, byte[] body) {
        if (header != null && !header.isBlank()) {
            if (header.length() > 200) {
                throw new FieldProblem("X-Vigil-Delivery", "must be at most 200 characters");
            }
            return header.trim();
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
