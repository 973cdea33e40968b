package io.vigil.monitor.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** pipeline-service's run history: the events of a run after a seq ({@code GET /api/runs/{id}/events}). */
@RegisterRestClient(configKey = "pipeline")
@Path("/api/runs")
public interface PipelineHistoryClient {

    /** One stored event of a run, as pipeline-service answers it. */
    record RunEvent(UUID id, String type, long seq, Instant time, JsonNode data) {
    }

    /** Events after {@code after_seq}, in order; {@code lastSeq} is the run's newest so far. */
    record RunEventPage(List<RunEvent> events, long lastSeq) {
    }

    @GET
    @Path("/{id}/events")
    Uni<RunEventPage> events(@PathParam("id") String runId, @QueryParam("after_seq") long afterSeq,
            @QueryParam("limit") int limit);
}
