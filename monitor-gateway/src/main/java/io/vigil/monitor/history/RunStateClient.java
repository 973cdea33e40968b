package io.vigil.monitor.history;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** pipeline-service's view of one run now ({@code GET /api/runs/{id}}): what an execution monitor starts from. */
@RegisterRestClient(configKey = "pipeline")
@Path("/api/runs")
public interface RunStateClient {

    /** A step of the run, as pipeline-service answers it; only what the gateway tells clients. */
    record Step(String name, String status, int attempt, Integer exitCode, Instant startedAt, Instant finishedAt,
            Long durationMs, String logTaskId) {
    }

    /** The run with its steps in order and its progress (% of steps ended). */
    record Run(String id, String pipeline, String status, Instant createdAt, Instant startedAt, Instant finishedAt,
            int progressPercent, List<Step> steps) {
    }

    @GET
    @Path("/{id}")
    Uni<Run> run(@PathParam("id") String runId);
}
