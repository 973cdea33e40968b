package io.vigil.monitor.history;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** ingest-service's deployments ({@code GET /api/deployments}, {@code GET /api/deployments/{id}}). */
@RegisterRestClient(configKey = "ingest")
@Path("/api/deployments")
public interface DeploymentClient {

    /** A deployment as ingest-service lists it; only what the gateway shows. */
    record Summary(String id, String project, String branch, String commitHash, String status, String triggeredBy,
            Instant startedAt, Instant finishedAt) {
    }

    /** Newest first; {@code next} is the following page's {@code after}. */
    record Page(List<Summary> items, String next) {
    }

    /** One step of a deployment. */
    record Step(String name, String stepType, String status, Instant startedAt, Instant finishedAt, String error,
            String logUrl) {
    }

    /** One deployment with its steps in order. */
    record Deployment(String id, String project, String commitHash, String status, Instant startedAt,
            Instant finishedAt, Integer progressPercent, List<Step> steps) {
    }

    @GET
    Uni<Page> list(@QueryParam("limit") int limit);

    @GET
    @Path("/{id}")
    Uni<Deployment> get(@PathParam("id") String id);
}
