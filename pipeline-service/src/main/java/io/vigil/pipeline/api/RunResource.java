package io.vigil.pipeline.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.events.Status;
import io.vigil.outbox.OutboxEvent;
import io.vigil.pipeline.api.RunViews.RunEventPage;
import io.vigil.pipeline.api.RunViews.RunEventView;
import io.vigil.pipeline.api.RunViews.RunPage;
import io.vigil.pipeline.api.RunViews.RunSummary;
import io.vigil.pipeline.api.RunViews.RunView;
import io.vigil.pipeline.run.Run;
import io.vigil.pipeline.run.RunControls;
import io.vigil.pipeline.run.RunCursor;
import io.vigil.pipeline.run.RunEngine;

/** Runs: start, watch (state, steps, event history for replay) and control. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private final RunControls controls;
    private final RunEngine engine;
    private final ObjectMapper json;

    RunResource(RunControls controls, RunEngine engine, ObjectMapper json) {
        this.controls = controls;
        this.engine = engine;
        this.json = json;
    }

    @GET
    @Operation(summary = "Runs, newest first", description = "Optionally of one pipeline and in one status; pages of"
            + " 1–500 (default 50), `before` = the previous page's next_before.")
    public RunPage list(@QueryParam("pipeline_id") UUID pipelineId, @QueryParam("status") String status,
            @QueryParam("before") String before, @QueryParam("limit") Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 500) {
            throw new BadRequestException("limit must be between 1 and 500");
        }
        RunCursor cursor = before == null ? null : RunCursor.decode(before);
        if (before != null && cursor == null) {
            throw new BadRequestException("before is not a cursor this service gave");
        }
        List<Run> page = Run.page(pipelineId, status == null ? null : runStatus(status), cursor, size);
        List<RunSummary> items = page.stream().limit(size).map(RunSummary::of).toList();
        Run last = page.size() > size ? page.get(size - 1) : null;
        return new RunPage(items, last == null ? null : new RunCursor(last.createdAt, last.id).encode());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run with its steps, their timings, exit codes and log streams")
    public RunView get(@PathParam("id") UUID id) {
        return view(found(id));
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "A run's event history after a seq", description = "The io.vigil.run.updated and"
            + " io.vigil.run.step.updated events published for the run, seq after `after_seq` (default 0), in order, at"
            + " most `limit` (1–1000, default 100): the gateway replays a run from here, then follows vigil.runs.")
    public RunEventPage events(@PathParam("id") UUID id, @QueryParam("after_seq") Long afterSeq,
            @QueryParam("limit") Integer limit) {
        found(id);
        long after = afterSeq == null ? 0 : afterSeq;
        int size = limit == null ? 100 : limit;
        if (after < 0 || size < 1 || size > 1000) {
            throw new BadRequestException("after_seq must be ≥ 0 and limit between 1 and 1000");
        }
        List<RunEventView> events = OutboxEvent.history(id.toString(), after, size).stream()
                .map(e -> new RunEventView(e.id, e.type, e.seq, e.time, tree(e.payload))).toList();
        return new RunEventPage(events, OutboxEvent.lastSeq(id.toString()));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a run", description = "Nothing more starts; pending steps are cancelled and running"
            + " ones' process trees killed.")
    @APIResponse(responseCode = "409", description = "The run has ended")
    public RunView cancel(@PathParam("id") UUID id) {
        return controlled(controls.cancel(id).orElseThrow(() -> notFound(id)));
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a run", description = "No new step starts; running ones finish.")
    public RunView pause(@PathParam("id") UUID id) {
        return controlled(controls.pause(id).orElseThrow(() -> notFound(id)));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused run")
    public RunView resume(@PathParam("id") UUID id) {
        return controlled(controls.resume(id).orElseThrow(() -> notFound(id)));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Retry a failed or cancelled run", description = "Its steps that did not succeed run again"
            + " (their attempt counts on); the successful ones are kept.")
    @APIResponse(responseCode = "409", description = "The run is still running, or succeeded")
    public RunView retry(@PathParam("id") UUID id) {
        return controlled(controls.retry(id).orElseThrow(() -> notFound(id)));
    }

    @POST
    @Path("/{id}/steps/{step}/retry")
    @Operation(summary = "Retry one ended step", description = "The step runs again, and every step after it that did"
            + " not succeed; a run that had ended is running again.")
    @APIResponse(responseCode = "409", description = "The step has not ended")
    public RunView retryStep(@PathParam("id") UUID id, @PathParam("step") String step) {
        return controlled(controls.retryStep(id, step).orElseThrow(() -> notFound(id)));
    }

    private RunView controlled(Run run) {
        controls.nudge(run);
        return view(run);
    }

    /** A run's status from its wire word; runs are never skipped, and an unknown word is refused. */
    private static Status runStatus(String word) {
        Status status = Status.fromWire(word);
        if (status == Status.UNKNOWN || status == Status.SKIPPED) {
            throw new BadRequestException("status must be pending, running, success, failed or cancelled");
        }
        return status;
    }

    private static Run found(UUID id) {
        Run run = Run.findById(id);
        if (run == null) {
            throw notFound(id);
        }
        return run;
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("no run " + id);
    }

    private RunView view(Run run) {
        return RunView.of(run, engine.definition(run));
    }

    private JsonNode tree(String payload) {
        try {
            return json.readTree(payload.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("a stored event is not JSON", e);
        }
    }
}
