package io.vigil.monitor.history;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** pipeline-service's pipelines and runs ({@code GET /api/pipelines}, {@code GET /api/runs/{id}}). */
@RegisterRestClient(configKey = "pipeline")
@Path("/api")
public interface RunClient {

    /** A pipeline as listed: the gateway only counts them. */
    record Pipeline(String id, String name) {
    }

    /** Pipelines by name; {@code nextAfter} is the following page's {@code after}, null on the last. */
    record PipelinePage(List<Pipeline> items, String nextAfter) {
    }

    /** One step of a run, its current attempt. */
    record Step(String name, String status, int attempt, Integer exitCode, String reason, Instant startedAt,
            Instant finishedAt, String logTaskId) {
    }

    /** One run with its steps in order. */
    record Run(String id, String pipeline, String status, Instant createdAt, Instant startedAt, Instant finishedAt,
            Integer progressPercent, List<Step> steps) {
    }

    @GET
    @Path("/pipelines")
    Uni<PipelinePage> pipelines(@QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/runs/{id}")
    Uni<Run> run(@PathParam("id") String id);
}
