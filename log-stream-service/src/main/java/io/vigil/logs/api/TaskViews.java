package io.vigil.logs.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.logs.task.LogTask;
import io.vigil.logs.task.TaskHistory;
import io.vigil.logs.task.TaskTemplates;

/** What the tasks API reads and answers. */
final class TaskViews {

    private TaskViews() {
    }

    /** {@code POST /api/tasks}: a template and its parameters' values; never a command line. */
    record StartTask(String template, Map<String, String> params) {
    }

    record Started(String taskId, String status, String statusUrl, String historyUrl) {
        static Started of(String id) {
            return new Started(id, "running", "/api/tasks/" + id + "/status", "/api/tasks/" + id + "/history");
        }
    }

    /** {@code POST /api/secrets}: values to mask in the lines of a task, or of every step of a run. */
    record RegisterSecrets(String scope, List<String> values) {
    }

    /** Where a task stands. {@code completed}: finished, and its log read to the end. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskStatus(String taskId, String kind, String template, Map<String, String> params, String status,
            boolean completed, Integer progress, Integer step, Integer steps, String stepText, long lines, long bytes,
            long masked, Integer exitCode, String error, Instant startedAt, Instant endedAt, Instant finishedAt) {

        static TaskStatus of(LogTask task, ObjectMapper json) {
            return new TaskStatus(task.id, task.kind, task.template, params(task.params, json), task.status,
                    task.finished(), task.progress, task.step, task.steps, task.stepText, task.lines, task.bytes,
                    task.masked, task.exitCode, task.error, task.startedAt, task.endedAt, task.finishedAt);
        }

        private static Map<String, String> params(String params, ObjectMapper json) {
            try {
                return params == null ? null : json.readValue(params, new TypeReference<Map<String, String>>() {
                });
            } catch (java.io.IOException e) {
                return null;
            }
        }
    }

    /**
     * Lines after {@code offset}; {@code nextOffset} is the offset to ask for next. {@code complete}: the task is
     * finished and there is nothing after these lines.
     */
    record History(String taskId, long offset, long nextOffset, boolean complete, List<TaskHistory.StoredLine> lines) {
    }

    record Template(String name, String description, List<Parameter> params) {
        static Template of(TaskTemplates.Template template) {
            return new Template(template.name(), template.description(), template.params().values().stream()
                    .map(p -> new Parameter(p.name(), p.pattern().pattern(), p.required(), p.secret(), p.description()))
                    .toList());
        }
    }

    record Parameter(String name, String pattern, boolean required, boolean secret, String description) {
    }
}
