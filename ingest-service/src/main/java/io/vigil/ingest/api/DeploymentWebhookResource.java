package io.vigil.ingest.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import io.vigil.events.Status;
import io.vigil.ingest.domain.Deployment;
import io.vigil.ingest.domain.DeploymentRecorder;
import io.vigil.ingest.domain.DeploymentReport;
import io.vigil.ingest.domain.ReportedStatus;

/** The deployment webhook existing deploy scripts post to; a report may come once at the end or live, step by step. */
@Path("/api/webhook/deployment")
public class DeploymentWebhookResource {

    private static final Logger LOG = Logger.getLogger(DeploymentWebhookResource.class);

    private final DeploymentRecorder recorder;
    private final Clock clock;

    DeploymentWebhookResource(DeploymentRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    /** What the sender gets back: the deployment its report was stored under. */
    public record Accepted(String deploymentId, String project, Status status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a deployment or a step of it",
            description = "Stores the report and publishes io.vigil.deployment.updated (and io.vigil.step.updated for"
                    + " each step whose status changed) on vigil.deployments. A report with the same project and"
                    + " commit as an unfinished deployment continues it.")
    @APIResponse(responseCode = "200", description = "Stored")
    @APIResponse(responseCode = "400", description = "Invalid body; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Accepted receive(@Valid @NotNull DeploymentWebhook body) {
        Deployment deployment = recorder.record(toReport(body));
        LOG.debugf("deployment %s of %s is %s", deployment.id, deployment.project, deployment.status);
        return new Accepted(deployment.id.toString(), deployment.project, deployment.status);
    }

    private DeploymentReport toReport(DeploymentWebhook body) {
        Status status = ReportedStatus.parse(body.status()).orElseThrow(() -> new FieldProblem("status",
                "unknown status '" + body.status() + "'; use one of " + ReportedStatus.accepted()));
        List<DeploymentReport.StepReport> steps = new ArrayList<>();
        if (body.stepDetails() != null) {
            for (Map.Entry<String, String> step : body.stepDetails().entrySet()) {
                String field = "step_details." + step.getKey();
                if (step.getKey().isBlank() || step.getKey().length() > 200) {
                    throw new FieldProblem(field, "step names must be 1 to 200 characters");
                }
                steps.add(new DeploymentReport.StepReport(step.getKey(), ReportedStatus.parse(step.getValue())
                        .orElseThrow(() -> new FieldProblem(field, "unknown status '" + step.getValue()
                                + "'; use one of " + ReportedStatus.accepted()))));
            }
        }
        return new DeploymentReport(body.project().trim(), body.repository(), body.branch(), body.commitHash(), status,
                body.triggeredBy(), body.triggerType(), body.deployType(), body.deployPath(), body.testUrl(),
                body.message(), body.timestamp() != null ? body.timestamp() : clock.instant(), steps);
    }
}
