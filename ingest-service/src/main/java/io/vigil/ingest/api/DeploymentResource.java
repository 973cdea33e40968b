package io.vigil.ingest.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.vigil.ingest.domain.ReportRejected;
import io.vigil.events.Status;
import io.vigil.ingest.api.DeploymentViews.DeploymentPage;
import io.vigil.ingest.api.DeploymentViews.DeploymentSummary;
import io.vigil.ingest.api.DeploymentViews.DeploymentView;
import io.vigil.ingest.domain.Deployment;
import io.vigil.ingest.domain.DeploymentCursor;
import io.vigil.ingest.domain.DeploymentRecorder;
import io.vigil.problem.Problem;

/** Deployment history, newest first, paged by cursor; and one deployment with its steps. */
@Path("/api/deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {

    static final int MAX_LIMIT = 500;

    private final DeploymentRecorder recorder;

    DeploymentResource(DeploymentRecorder recorder) {
        this.recorder = recorder;
    }

    @GET
    @Operation(summary = "Deployments, newest first",
            description = "Filter by project, status and since (RFC 3339); follow `next` for the following page.")
    @APIResponse(responseCode = "400", description = "A bad filter; the problem names the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeploymentPage list(@QueryParam("project") String project,
            @Parameter(description = "pending, running, success, failed, skipped, cancelled") @QueryParam("status") String status,
            @Parameter(description = "only deployments received at or after this time") @QueryParam("since") String since,
            @Parameter(description = "the `next` cursor of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1 to 500") @QueryParam("limit") @DefaultValue("50") String limit) {
        int size = QueryParameters.between("limit", limit, 1, MAX_LIMIT);
        List<Deployment> rows = Deployment.page(blankToNull(project), status(status), since(since), cursor(after), size);
        String next = rows.size() > size ? DeploymentCursor.after(rows.get(size - 1)).encode() : null;
        return new DeploymentPage(rows.stream().limit(size).map(DeploymentSummary::of).toList(), next);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One deployment with its steps in order, their times and durations")
    @APIResponse(responseCode = "404", description = "No such deployment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeploymentView get(@PathParam("id") String id) {
        Deployment deployment = Deployment.findById(uuid(id));
        if (deployment == null) {
            throw new NotFoundException("no deployment " + id);
        }
        return DeploymentView.of(deployment);
    }

    /** The body of a rollback marking: which deployment this one rolled back, and why. */
    public record RollbackOf(@NotNull UUID deploymentId, @Size(max = 2000) String reason) {
    }

    @POST
    @Path("/{id}/rollback-of")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a deployment as the rollback of an earlier one",
            description = "The rolled-back deployment then counts as a failed change in the project's DORA figures.")
    @APIResponse(responseCode = "400", description = "Bad ids; the problem names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such deployment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeploymentView markRollback(@PathParam("id") String id, @Valid @NotNull RollbackOf body) {
        Deployment deployment = recorder.markRollback(uuid(id), body.deploymentId(), body.reason());
        if (deployment == null) {
            throw new NotFoundException("no deployment " + id);
        }
        return DeploymentView.of(deployment);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ReportRejected("id", "must be a deployment id (a UUID)");
        }
    }

    private static Status status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Status status = Status.fromWire(text);
        if (status == Status.UNKNOWN) {
            throw new ReportRejected("status", "unknown status '" + text + "'; use pending, running, success, failed,"
                    + " skipped or cancelled");
        }
        return status;
    }

    private static Instant since(String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ReportRejected("since", "must be an RFC 3339 time such as 2024-01-01T00:00:00Z");
        }
    }

    private static DeploymentCursor cursor(String text) {
        try {
            return text == null || text.isBlank() ? null : DeploymentCursor.decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ReportRejected("after", e.getMessage());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
