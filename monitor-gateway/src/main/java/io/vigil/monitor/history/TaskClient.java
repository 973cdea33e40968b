package io.vigil.monitor.history;

import java.time.Instant;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** log-stream-service's task status ({@code GET /api/tasks/{id}/status}), as a workflow. */
@RegisterRestClient(configKey = "logs")
@Path("/api/tasks")
public interface TaskClient {

    /** Where a task stands; only what a workflow shows. */
    record Task(String taskId, String template, String status, Integer progress, Integer step, Integer steps,
            String stepText, String error, Instant startedAt, Instant finishedAt) {
    }

    /** Task ids of pipeline steps hold {@code /}: sent as they are, validated there. */
    @GET
    @Path("/{id}/status")
    Uni<Task> status(@Encoded @PathParam("id") String taskId);
}
