package io.vigil.ingest.api;

import java.io.IOException;

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
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

import io.vigil.ingest.domain.DeploymentReport;
import io.vigil.problem.Problem;

/** The deployment webhook existing deploy scripts post to; a report may come once at the end or live, step by step. */
@Path("/api/webhook/deployment")
public class DeploymentWebhookResource {

    private final DeploymentWebhookParser parser;
    private final WebhookSenders senders;
    private final WebhookIntake intake;

    DeploymentWebhookResource(DeploymentWebhookParser parser, WebhookSenders senders, WebhookIntake intake) {
        this.parser = parser;
        this.senders = senders;
        this.intake = intake;
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
            content = @Content(schema = @Schema(implementation = WebhookIntake.Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid body; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Unknown sender, or a missing or wrong signature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than vigil.ingest.webhook.max-body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Too many reports waiting, or the database unreachable; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<WebhookIntake.Accepted>> receive(byte[] body,
            @Parameter(description = "the configured sender posting; default vigil.ingest.webhook.default-sender")
            @HeaderParam("X-Vigil-Sender") String sender,
            @Parameter(description = "sha256=<hex of HMAC-SHA256(body, sender secret)>")
            @HeaderParam("X-Vigil-Signature") String signature,
            @Parameter(description = "the sender's id of this delivery, for deduplication")
            @HeaderParam("X-Vigil-Delivery") String delivery) throws IOException {
        return accept(body, sender, signature, delivery, parser::parse);
    }

    @POST
    @Path("/steps")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report one step of a deployment as it starts or ends",
            description = "Finds the deployment by deployment_id (the sender's), else by project, commit_hash and"
                    + " triggered_by; creates it, running, when there is none. Same senders, signatures and delivery"
                    + " ids as the deployment webhook.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StepWebhook.class)))
    public Uni<RestResponse<WebhookIntake.Accepted>> receiveStep(byte[] body,
            @HeaderParam("X-Vigil-Sender") String sender,
            @HeaderParam("X-Vigil-Signature") String signature,
            @HeaderParam("X-Vigil-Delivery") String delivery) throws IOException {
        return accept(body, sender, signature, delivery, parser::parseStep);
    }

    /** Vigil's own format, whole or one step: size, sender and signature first, then the body is read. */
    private Uni<RestResponse<WebhookIntake.Accepted>> accept(byte[] body, String sender, String signature, String delivery,
            BodyReader reader) throws IOException {
        long start = System.nanoTime();
        intake.checkSize(body);
        String verified = senders.verify(sender, senders.defaultSender(),
                new WebhookSenders.Proof.Signature("X-Vigil-Signature", signature, body));
        return intake.accept(verified, "X-Vigil-Delivery", delivery, body, reader.read(body), start);
    }

    @FunctionalInterface
    private interface BodyReader {
        DeploymentReport read(byte[] body) throws IOException;
    }
}
