package io.vigil.monitor.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vigil.monitor.workflows.EventLogStore;
import io.vigil.monitor.workflows.EventPage;
import io.vigil.monitor.workflows.EventQuery;
import io.vigil.monitor.workflows.QueryParameters;
import io.vigil.problem.Problem;

/**
 * The event log as the system Vigil replaces served it to its clients: a bare array of the last {@code limit}
 * events, oldest first, each with {@code type}, {@code timestamp} and {@code account_id} (here the project).
 */
@Path("/api/v1/group-ai/monitor/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Legacy", description = "URLs and shapes existing clients use, unchanged")
public class LegacyEventResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** One event in the old shape, with Vigil's attributes beside the old ones. */
    public record LegacyEvent(String type, Instant timestamp, String accountId, UUID eventId, String subject, long seq,
            @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
            String data) {
    }

    private final EventLogStore events;

    LegacyEventResource(EventLogStore events) {
        this.events = events;
    }

    @GET
    @Operation(summary = "The last events, oldest first (the old /events)")
    @APIResponse(responseCode = "200", description = "The events")
    @APIResponse(responseCode = "400", description = "A bad parameter; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<LegacyEvent> list(@Parameter(description = "a project") @QueryParam("account_id") String accountId,
            @Parameter(description = "event type, `deployment.updated` …") @QueryParam("event_type") String eventType,
            @Parameter(description = "1 to 1000 (default 100)") @QueryParam("limit") String limit) {
        EventPage newest = events.page(new EventQuery(QueryParameters.eventType("event_type", eventType),
                QueryParameters.text("account_id", accountId), null, null, null, null, null, null,
                QueryParameters.between("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT)));
        List<LegacyEvent> oldestFirst = new ArrayList<>(newest.items().stream()
                .map(e -> new LegacyEvent(e.type(), e.time(), e.project(), e.id(), e.subject(), e.seq(), e.data()))
                .toList());
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
