package io.vigil.ingest.api;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiFunction;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vigil.ingest.domain.ReportRejected;
import io.vigil.ingest.domain.forge.ForgeMapping;
import io.vigil.ingest.domain.forge.GitHubWebhook;
import io.vigil.ingest.domain.forge.GitLabWebhook;

/**
 * GitHub's and GitLab's webhooks, pointed at Vigil unchanged: workflow runs and jobs, deployments and their
 * statuses, pipelines, jobs. Each forge's own signature or token, delivery id and event header are used.
 */
@Path("/api/webhook")
public class ForgeWebhookResource {

    private final WebhookSenders senders;
    private final WebhookIntake intake;
    private final ObjectMapper json;

    ForgeWebhookResource(WebhookSenders senders, WebhookIntake intake, ObjectMapper json) {
        this.senders = senders;
        this.intake = intake;
        this.json = json;
    }

    @POST
    @Path("/github")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "GitHub webhook: workflow_run, workflow_job, deployment, deployment_status, ping",
            description = "Signed with X-Hub-Signature-256 by the secret of sender ?sender= (default github).")
    @APIResponse(responseCode = "200", description = "Stored, a redelivery, or a ping")
    @APIResponse(responseCode = "202", description = "An event that is no deployment; ignored")
    public Uni<Response> github(byte[] body,
            @Parameter(description = "the configured sender; default github") @QueryParam("sender") String sender,
            @HeaderParam("X-GitHub-Event") String event,
            @HeaderParam("X-GitHub-Delivery") String delivery,
            @HeaderParam("X-Hub-Signature-256") String signature) throws IOException {
        long start = System.nanoTime();
        intake.checkSize(body);
        String verified = senders.verify(sender, "github",
                new WebhookSenders.Proof.Signature("X-Hub-Signature-256", signature, body));
        return answer(GitHubWebhook::map, event, body, verified, "X-GitHub-Delivery", delivery, start);
    }

    @POST
    @Path("/gitlab")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "GitLab webhook: Pipeline, Job and Deployment hooks",
            description = "Authenticated by X-Gitlab-Token, the secret of sender ?sender= (default gitlab).")
    @APIResponse(responseCode = "200", description = "Stored, or a redelivery")
    @APIResponse(responseCode = "202", description = "An event that is no deployment; ignored")
    public Uni<Response> gitlab(byte[] body,
            @Parameter(description = "the configured sender; default gitlab") @QueryParam("sender") String sender,
            @HeaderParam("X-Gitlab-Event") String event,
            @HeaderParam("X-Gitlab-Event-UUID") String delivery,
            @HeaderParam("X-Gitlab-Token") String token) throws IOException {
        long start = System.nanoTime();
        intake.checkSize(body);
        String verified = senders.verify(sender, "gitlab", new WebhookSenders.Proof.Token("X-Gitlab-Token", token));
        return answer(GitLabWebhook::map, event, body, verified, "X-Gitlab-Event-UUID", delivery, start);
    }

    private Uni<Response> answer(BiFunction<String, JsonNode, ForgeMapping> format, String event, byte[] body, String sender,
            String deliveryHeader, String delivery, long start) throws IOException {
        if (body.length == 0) {
            throw new ReportRejected("body", "a JSON object is required");
        }
        JsonNode tree = json.readTree(body);
        if (tree == null) {
            throw new ReportRejected("body", "a JSON object is required");
        }
        ForgeMapping mapping = format.apply(event, tree);
        if (mapping.ping()) {
            return Uni.createFrom().item(Response.ok(Map.of("status", "pong")).build());
        }
        if (mapping.isIgnored()) {
            return Uni.createFrom().item(Response.accepted(Map.of("ignored", mapping.ignoredReason())).build());
        }
        return intake.accept(sender, deliveryHeader, delivery, body, mapping.report().orElseThrow(), start)
                .map(RestResponse::toResponse);
    }
}
