package io.vigil.logs.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.logs.config.LogStreamConfig;
import io.vigil.logs.task.LogTask;
import io.vigil.logs.task.TaskHistory;
import io.vigil.logs.task.TaskRunner;

/**
 * The paths and shapes the existing install-log clients use, unchanged: {@code {"success": true, "data": …}},
 * log lines as {@code content} (their text) and {@code lines} ({@code timestamp}, {@code level},
 * {@code message}, {@code progress}, {@code step}, {@code current_step}, {@code total_steps}). Errors are
 * problem JSON that also carries {@code success: false} and {@code message}, which those clients read.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "existing clients")
public class LegacyLogResource {

    private final TaskResource tasks;
    private final TaskRunner runner;
    private final LogStreamConfig config;

    LegacyLogResource(TaskResource tasks, TaskRunner runner, LogStreamConfig config) {
        this.tasks = tasks;
        this.runner = runner;
        this.config = config;
    }

    record Reply<T>(boolean success, String message, T data) {
        static <T> Reply<T> of(T data) {
            return new Reply<>(true, "ok", data);
        }
    }

    /** One line as the install-log viewers read it. */
    record Line(long offset, Instant timestamp, String level, String message, Integer progress, String step,
            Integer currentStep, Integer totalSteps) {
        static Line of(TaskHistory.StoredLine line) {
            return new Line(line.offset(), line.time(), line.level() == null ? "INFO" : line.level(), line.text(),
                    line.progress(), null, line.step(), line.steps());
        }
    }

    record History(String taskId, long offset, long nextOffset, long total, boolean completed, List<String> content,
            List<Line> lines) {
    }

    @POST
    @Path("/soft/install")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an install as the existing clients do: the body's fields are the parameters of the"
            + " configured legacy-install-template; answers the task id as data.installName")
    public Response install(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequest("body", "must be a JSON object of the install's parameters");
        }
        Map<String, String> params = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new InvalidRequest(field.getKey(), "must be a text or a number");
            }
            params.put(field.getKey(), field.getValue().asText());
        });
        String id = runner.start(config.legacyInstallTemplate(), params);
        return Response.accepted(Reply.of(Map.of("installName", id, "taskId", id, "task_id", id))).build();
    }

    @GET
    @Path("/log/history")
    @Operation(summary = "The lines of a task after line `offset`, as the existing clients read them")
    public Reply<History> history(@QueryParam("task_id") String taskId, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        LogTask task = tasks.task(InvalidRequest.taskId("task_id", taskId));
        TaskViews.History history = tasks.history(task, offset, limit);
        long total = task.lines;
        return Reply.of(new History(history.taskId(), history.offset(), history.nextOffset(), total,
                history.complete(), history.lines().stream().map(TaskHistory.StoredLine::text).toList(),
                history.lines().stream().map(Line::of).toList()));
    }

    @GET
    @Path("/log/status")
    @Operation(summary = "Where a task stands, as the existing clients read it (`completed`, `progress`)")
    public Reply<Map<String, Object>> status(@QueryParam("task_id") String taskId) {
        TaskViews.TaskStatus status = tasks.status(InvalidRequest.taskId("task_id", taskId));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_id", status.taskId());
        data.put("status", status.status());
        data.put("completed", status.completed());
        data.put("progress", status.progress() == null ? 0 : status.progress());
        data.put("step", status.stepText());
        data.put("current_step", status.step());
        data.put("total_steps", status.steps());
        data.put("lines", status.lines());
        data.put("exit_code", status.exitCode());
        data.put("masked", status.masked());
        data.put("started_at", status.startedAt());
        data.put("finished_at", status.finishedAt());
        return Reply.of(data);
    }
}
