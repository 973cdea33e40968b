package io.vigil.ingest.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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

import io.quarkus.panache.common.Sort;
import io.vigil.ingest.api.DeploymentViews.ProjectView;
import io.vigil.ingest.domain.Deployment;
import io.vigil.ingest.domain.DeploymentStats;
import io.vigil.ingest.domain.Project;
import io.vigil.problem.Problem;

/** The projects Vigil has seen deployments of. */
@Path("/api/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final Clock clock;

    ProjectResource(Clock clock) {
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Every project, by name")
    public List<ProjectView> list() {
        return Project.<Project>listAll(Sort.by("name")).stream().map(ProjectView::of).toList();
    }

    @GET
    @Path("/{name}/stats")
    @Operation(summary = "Delivery figures of a project over the last `days` days",
            description = "Counts, success rate, average and p90 duration, last deployment, and the DORA keys:"
                    + " deployment frequency, change failure rate (rollbacks count as failures of what they undo),"
                    + " time to restore, and lead time for changes where senders report commit times.")
    public DeploymentStats stats(@PathParam("name") String name,
            @Parameter(description = "1 to 365, default 30") @QueryParam("days") @DefaultValue("30") String days) {
        get(name);
        int window = QueryParameters.between("days", days, 1, 365);
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(window));
        return DeploymentStats.of(Deployment.outcomes(name, from, to), from, to);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One project and its latest deployment")
    @APIResponse(responseCode = "404", description = "No deployment of that project was ever reported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProjectView get(@PathParam("name") String name) {
        Project project = Project.findById(name);
        if (project == null) {
            throw new NotFoundException("no project named '" + name + "'");
        }
        return ProjectView.of(project);
    }
}
