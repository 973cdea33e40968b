package io.vigil.pipeline.api;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import io.vigil.pipeline.api.RunViews.RunRequest;
import io.vigil.pipeline.api.RunViews.RunView;
import io.vigil.pipeline.run.Run;
import io.vigil.pipeline.run.RunControls;
import io.vigil.pipeline.run.RunEngine;

/** Starting a run of a pipeline: its own root, so that it is routed apart from the pipeline resource. */
@Path("/api/pipelines/{id}/runs")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineRunsResource {

    private final RunControls controls;
    private final RunEngine engine;

    PipelineRunsResource(RunControls controls, RunEngine engine) {
        this.controls = controls;
        this.engine = engine;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a pipeline", description = "Runs its current version (the run pins it). `params` override"
            + " the pipeline's defaults and reach every step as environment variables; `secrets` do too, but are kept in"
            + " memory only, masked in logs and never in events. An empty object runs with the defaults.")
    @APIResponse(responseCode = "201", description = "Started")
    @APIResponse(responseCode = "400", description = "An unknown parameter or a bad secret name; the problem points at it")
    @APIResponse(responseCode = "404", description = "No such pipeline")
    public RestResponse<RunView> start(@PathParam("id") UUID pipelineId, RunRequest request) {
        RunRequest given = request == null ? new RunRequest(null, null) : request;
        Run run = controls.start(pipelineId, orEmpty(given.params()), orEmpty(given.secrets()))
                .orElseThrow(() -> new NotFoundException("no pipeline " + pipelineId));
        controls.nudge(run);
        return RestResponse.ResponseBuilder.<RunView>created(URI.create("/api/runs/" + run.id))
                .entity(RunView.of(run, engine.definition(run))).build();
    }

    private static Map<String, String> orEmpty(Map<String, String> values) {
        return values == null ? Map.of() : values;
    }
}
