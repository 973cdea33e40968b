package io.vigil.ingest.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.panache.common.Sort;
import io.vigil.ingest.api.DeploymentViews.ProjectView;
import io.vigil.ingest.domain.Project;

/** The projects Vigil has seen deployments of. */
@Path("/api/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    @GET
    @Operation(summary = "Every project, by name")
    public List<ProjectView> list() {
        return Project.<Project>listAll(Sort.by("name")).stream().map(ProjectView::of).toList();
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
