package io.vigil.logs.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.logs.config.LogStreamConfig;
import io.vigil.logs.mask.SecretMasker;
import io.vigil.logs.task.LogTask;
import io.vigil.logs.task.TaskHistory;
import io.vigil.logs.task.TaskRunner;
import io.vigil.logs.task.TaskSecrets;
import io.vigil.logs.task.TaskTemplates;

/** Tasks: start one from a template, follow its status, read its lines by offset, download its log. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tasks")
public class TaskResource {

    private static final int SECRETS_AT_ONCE = 100;
    private static final int SECRET_LENGTH = 4096;

    private final TaskRunner runner;
    private final TaskTemplates templates;
    private final TaskHistory history;
    private final TaskSecrets secrets;
    private final LogStreamConfig config;
    private final ObjectMapper json;

    TaskResource(TaskRunner runner, TaskTemplates templates, TaskHistory history, TaskSecrets secrets,
            LogStreamConfig config, ObjectMapper json) {
        this.runner = runner;
        this.templates = templates;
        this.history = history;
        this.secrets = secrets;
        this.config = config;
        this.json = json;
    }

    @POST
    @Path("/tasks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a task from a configured template; answers its id at once, the task runs on")
    public Response start(TaskViews.StartTask request) {
        if (request == null) {
            throw new InvalidRequest("body", "is required: {\"template\": …, \"params\": {…}}");
        }
        String id = runner.start(request.template(), request.params());
        return Response.accepted(TaskViews.Started.of(id)).location(URI.create("/api/tasks/" + id + "/status"))
                .build();
    }

    @GET
    @Path("/tasks")
    @Operation(summary = "The most recent tasks, newest first")
    public List<TaskViews.TaskStatus> recent(@QueryParam("limit") String limit) {
        return history.recent((int) InvalidRequest.number("limit", limit, 1, 1000, 100)).stream()
                .map(task -> TaskViews.TaskStatus.of(task, json)).toList();
    }

    @GET
    @Path("/tasks/{id: .+}/status")
    @Operation(summary = "Where a task stands: state, progress, step n/m, exit code, lines, masked secrets")
    public TaskViews.TaskStatus status(@PathParam("id") String id) {
        return TaskViews.TaskStatus.of(task(id), json);
    }

    @GET
    @Path("/tasks/{id: .+}/history")
    @Operation(summary = "The lines after line `offset` (0: from the first), at most `limit` (capped)")
    public TaskViews.History lines(@PathParam("id") String id, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return history(id, offset, limit);
    }

    @GET
    @Path("/tasks/{id: .+}/download")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The task's whole log as recorded (masked), streamed; a `Range: bytes=…` asks for a part")
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String range) {
        LogTask task = task(id);
        long length = task.bytes;
        var part = ByteRange.parse(range, length);
        long first = part.map(ByteRange::first).orElse(0L);
        long last = part.map(ByteRange::last).orElse(length - 1);
        StreamingOutput body = out -> history.download(task.id, first, last, out);
        Response.ResponseBuilder response = part.isPresent() ? Response.status(206)
                .header("Content-Range", "bytes " + first + "-" + last + "/" + length) : Response.ok();
        return response.entity(body).type("text/plain; charset=utf-8").header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_LENGTH, last - first + 1)
                .header("Content-Disposition", "attachment; filename=\"" + task.id.replace('/', '_') + ".log\"")
                .build();
    }

    @GET
    @Path("/templates")
    @Operation(summary = "The templates tasks can be started from, with their parameters")
    public List<TaskViews.Template> templates() {
        return templates.all().stream().map(TaskViews.Template::of).toList();
    }

    @POST
    @Path("/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register values to mask in the lines of a task, or of every step of a pipeline run")
    public Response registerSecrets(TaskViews.RegisterSecrets request) {
        if (request == null) {
            throw new InvalidRequest("body", "is required: {\"scope\": …, \"values\": […]}");
        }
        InvalidRequest.taskId("scope", request.scope());
        List<String> values = request.values();
        if (values == null || values.isEmpty() || values.size() > SECRETS_AT_ONCE) {
            throw new InvalidRequest("values", "must hold 1 to " + SECRETS_AT_ONCE + " values");
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.length() > SECRET_LENGTH) {
                throw new InvalidRequest("values[" + i + "]", "must be a text of at most " + SECRET_LENGTH
                        + " characters");
            }
            try {
                SecretMasker.checkValue(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("values[" + i + "]", e.getMessage());
            }
        }
        secrets.register(request.scope(), values);
        return Response.noContent().build();
    }

    TaskViews.History history(String id, String offset, String limit) {
        return history(task(id), offset, limit);
    }

    TaskViews.History history(LogTask task, String offset, String limit) {
        long after = InvalidRequest.number("offset", offset, 0, Long.MAX_VALUE, 0);
        int max = (int) Math.min(InvalidRequest.number("limit", limit, 1, Integer.MAX_VALUE, config.historyLimit()),
                config.historyLimit());
        List<TaskHistory.StoredLine> lines = history.lines(task.id, after, max);
        long next = lines.isEmpty() ? Math.max(after, 0) : lines.get(lines.size() - 1).offset();
        return new TaskViews.History(task.id, after, next, task.finished() && next >= task.lines, lines);
    }

    LogTask task(String id) {
        return history.task(InvalidRequest.taskId("id", id)).orElseThrow(() -> new NoSuchTask(id));
    }
}
