package io.vigil.monitor.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vigil.monitor.workflows.GatewayStats;
import io.vigil.monitor.workflows.Stats;

/** The dashboard's overview: pipelines, runs, deployments, tasks and open connections. */
@Path("/api/v1/monitor/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stats", description = "Counts over the event log's window, and what the owners say")
public class StatsResource {

    private final GatewayStats stats;

    StatsResource(GatewayStats stats) {
        this.stats = stats;
    }

    @GET
    @Blocking
    @Operation(summary = "The overview", description = "Runs, deployments and tasks by status over the event log's"
            + " retention; the pipeline count from pipeline-service, the recent deployments from ingest-service."
            + " A part whose owner is down is null and named in `unavailable`.")
    @APIResponse(responseCode = "200", description = "The overview, maybe with parts unavailable")
    public Uni<Stats> get() {
        return stats.current();
    }
}
