package io.vigil.monitor.history;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** log-stream-service's task history: lines after a line offset ({@code GET /api/tasks/{id}/history}). */
@RegisterRestClient(configKey = "logs")
@Path("/api/tasks")
public interface LogHistoryClient {

    /** One stored line, as log-stream-service answers it. */
    record Line(long offset, Instant time, String level, String text, Integer progress, Integer step, Integer steps) {
    }

    /** Lines after {@code offset}; {@code complete} when the task is finished and nothing follows. */
    record Page(String taskId, long offset, long nextOffset, boolean complete, List<Line> lines) {
    }

    /** Where a task stands; only what the gateway tells clients. */
    record Status(String taskId, String status, boolean completed, Integer progress, Integer step, Integer steps,
            String stepText, long lines, Integer exitCode, Instant finishedAt) {
    }

    /** Task ids of pipeline steps hold {@code /} ({@code <run>/<step>/<attempt>}): sent as they are, validated there. */
    @GET
    @Path("/{id}/history")
    Uni<Page> history(@Encoded @PathParam("id") String taskId, @QueryParam("offset") long offset,
            @QueryParam("limit") int limit);

    @GET
    @Path("/{id}/status")
    Uni<Status> status(@Encoded @PathParam("id") String taskId);
}
