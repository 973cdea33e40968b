package io.vigil.monitor.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vigil.monitor.workflows.EventLogConfig;
import io.vigil.monitor.workflows.EventLogStore;
import io.vigil.monitor.workflows.EventPage;
import io.vigil.monitor.workflows.EventQuery;
import io.vigil.monitor.workflows.QueryParameters;
import io.vigil.monitor.workflows.WorkflowDetails;
import io.vigil.monitor.workflows.WorkflowNotFound;
import io.vigil.monitor.workflows.WorkflowPage;
import io.vigil.monitor.workflows.WorkflowStore;
import io.vigil.monitor.workflows.WorkflowType;
import io.vigil.monitor.workflows.WorkflowView;
import io.vigil.problem.Problem;

/**
 * Deployments, runs and tasks together: the list from the event log, one workflow with its steps from its owner,
 * and its events from the event log. Task ids may hold {@code /}.
 */
@Path("/api/v1/monitor/workflows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workflows", description = "Deployments, runs and tasks in one shape")
public class WorkflowResource {

    private final WorkflowStore workflows;
    private final WorkflowDetails details;
    private final EventLogStore events;
    private final EventLogConfig config;

    WorkflowResource(WorkflowStore workflows, WorkflowDetails details, EventLogStore events, EventLogConfig config) {
        this.workflows = workflows;
        this.details = details;
        this.events = events;
        this.config = config;
    }

    @GET
    @Operation(summary = "Workflows, newest first", description = "Those the event log saw within its retention, each"
            + " as its latest event left it; pass the answer's `next` as `cursor` for the following page.")
    @APIResponse(responseCode = "200", description = "A page of workflows")
    @APIResponse(responseCode = "400", description = "A bad parameter; the problem names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WorkflowPage list(@Parameter(description = "deployment, run or task") @QueryParam("type") String type,
            @Parameter(description = "only this project's") @QueryParam("project") String project,
            @Parameter(description = "the previous page's `next`") @QueryParam("cursor") String cursor,
            @Parameter(description = "page size, 1 to vigil.event-log.max-page-size (default 50)") @QueryParam("limit") String limit) {
        return workflows.page(type == null || type.isBlank() ? null : QueryParameters.workflowType("type", type),
                QueryParameters.text("project", project), QueryParameters.cursor("cursor", cursor),
                QueryParameters.between("limit", limit, 1, config.maxPageSize(), EventLogResource.DEFAULT_LIMIT));
    }

    @GET
    @Path("/{type}/{id: .+}")
    @Blocking
    @Operation(summary = "One workflow with its steps, from its owner")
    @APIResponse(responseCode = "200", description = "The workflow")
    @APIResponse(responseCode = "400", description = "An unknown type or a malformed id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Its owner does not know it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "Its owner did not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<WorkflowView> get(@Parameter(description = "deployment, run or task") @PathParam("type") String type,
            @PathParam("id") String id) {
        return details.get(QueryParameters.workflowType("type", type), id);
    }

    @GET
    @Path("/{type}/{id: .+}/events")
    @Operation(summary = "A workflow's events from the event log, newest first",
            description = "A deployment's step and deployment events, a run's and its steps', a task's lines and"
                    + " statuses; pass the answer's `next` as `cursor` for the following page.")
    @APIResponse(responseCode = "200", description = "A page of events")
    @APIResponse(responseCode = "400", description = "An unknown type, a malformed id or a bad parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The event log has no event of it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EventPage events(@PathParam("type") String type, @PathParam("id") String id,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        WorkflowType kind = QueryParameters.workflowType("type", type);
        EventPage page = events.page(EventQuery.ofWorkflow(kind, WorkflowDetails.checkedId(kind, id),
                QueryParameters.cursor("cursor", cursor),
                QueryParameters.between("limit", limit, 1, config.maxPageSize(), EventLogResource.DEFAULT_LIMIT)));
        if (page.items().isEmpty() && cursor == null) {
            throw new WorkflowNotFound(kind, id);
        }
        return page;
    }
}
