package io.vigil.monitor.api;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vigil.monitor.workflows.EventLogConfig;
import io.vigil.monitor.workflows.EventLogStore;
import io.vigil.monitor.workflows.EventPage;
import io.vigil.monitor.workflows.EventQuery;
import io.vigil.monitor.workflows.QueryParameters;
import io.vigil.problem.Problem;

/** The event log: every event the gateway consumed within the retention, newest first, filtered, paged. */
@Path("/api/v1/monitor/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Event log", description = "Every event the gateway consumed, kept for vigil.event-log.retention")
public class EventLogResource {

    static final int DEFAULT_LIMIT = 50;

    private final EventLogStore events;
    private final EventLogConfig config;

    EventLogResource(EventLogStore events, EventLogConfig config) {
        this.events = events;
        this.config = config;
    }

    @GET
    @Operation(summary = "Logged events, newest first", description = "Every filter is optional; pass the answer's"
            + " `next` as `cursor` for the following page (pages never shift while events arrive).")
    @APIResponse(responseCode = "200", description = "A page of events")
    @APIResponse(responseCode = "400", description = "A bad parameter; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EventPage list(
            @Parameter(description = "event type, `run.updated` or `io.vigil.run.updated`") @QueryParam("type") String type,
            @Parameter(description = "project the payload names") @QueryParam("project") String project,
            @Parameter(description = "CloudEvents subject: project, run id, task id, alert id") @QueryParam("subject") String subject,
            @Parameter(description = "RFC 3339; events at or after") @QueryParam("since") String since,
            @Parameter(description = "RFC 3339; events before") @QueryParam("until") String until,
            @Parameter(description = "the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = "page size, 1 to vigil.event-log.max-page-size (default 50)") @QueryParam("limit") String limit) {
        Instant from = QueryParameters.time("since", since);
        Instant to = QueryParameters.time("until", until);
        QueryParameters.ordered(from, to);
        return events.page(new EventQuery(QueryParameters.eventType("type", type),
                QueryParameters.text("project", project), QueryParameters.text("subject", subject), null, null, from,
                to, QueryParameters.cursor("cursor", cursor),
                QueryParameters.between("limit", limit, 1, config.maxPageSize(), DEFAULT_LIMIT)));
    }
}
