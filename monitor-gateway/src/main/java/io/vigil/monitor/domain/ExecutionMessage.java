package io.vigil.monitor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.events.EventCodec;
import io.vigil.events.payload.LogLines;
import io.vigil.events.payload.RunStepUpdated;
import io.vigil.events.payload.RunUpdated;
import io.vigil.monitor.history.RunStateClient;

/**
 * The messages of {@code /ws/executions/{id}/}, in the envelope {@code {"type","data","timestamp"}} and with the
 * field names the existing execution monitors read: {@code execution_update} (the run: status, progress, step
 * counts, timings), {@code step_update} (one step) and {@code log_update} (lines of a step's log). Absent values
 * are left out rather than sent as null.
 */
public final class ExecutionMessage {

    private ExecutionMessage() {
    }

    /** The run as its owner reports it now: the first message a client gets. */
    public static String state(RunStateClient.Run run, Instant now) {
        ObjectNode data = EventCodec.mapper().createObjectNode();
        data.put("execution_id", run.id());
        data.put("pipeline", run.pipeline());
        data.put("status", run.status());
        List<RunStateClient.Step> steps = run.steps() == null ? List.of() : run.steps();
        long ended = steps.stream().filter(step -> ExecutionSteps.ended(step.status())).count();
        steps.stream().filter(step -> "running".equals(step.status())).findFirst()
                .ifPresent(step -> data.put("current_step", step.name()));
        data.put("completed_steps", ended);
        data.put("total_steps", steps.size());
        data.put("progress_percentage", run.progressPercent());
        timings(data, run.startedAt(), run.finishedAt());
        var list = data.putArray("steps");
        steps.forEach(step -> {
            ObjectNode item = list.addObject();
            item.put("step_id", step.name());
            item.put("step_name", step.name());
            item.put("status", step.status());
            item.put("attempt", step.attempt());
            putIfPresent(item, "exit_code", step.exitCode());
            putIfPresent(item, "log_task_id", step.logTaskId());
            timings(item, step.startedAt(), step.finishedAt());
        });
        return write("execution_update", data, now);
    }

    /**
     * The run changed state ({@code io.vigil.run.updated}); with the counts and the current step where its steps are
     * followed ({@link ExecutionSteps}).
     */
    public static String update(RunUpdated run, Optional<ExecutionSteps.Progress> progress, Instant time) {
        ObjectNode data = EventCodec.mapper().createObjectNode();
        data.put("execution_id", run.runId());
        data.put("pipeline", run.pipeline());
        putIfPresent(data, "project", run.project());
        data.put("status", run.status().wire());
        progress.ifPresent(steps -> {
            putIfPresent(data, "current_step", steps.current());
            data.put("completed_steps", steps.ended());
            data.put("total_steps", steps.total());
        });
        if (run.status() == io.vigil.events.Status.SUCCESS) {
            data.put("progress_percentage", 100);
        } else {
            progress.ifPresent(steps -> data.put("progress_percentage", steps.percent()));
        }
        timings(data, run.startedAt(), run.finishedAt());
        return write("execution_update", data, time);
    }

    /** A step changed state ({@code io.vigil.run.step.updated}). */
    public static String step(RunStepUpdated step, Instant time) {
        ObjectNode data = EventCodec.mapper().createObjectNode();
        data.put("execution_id", step.runId());
        data.put("step_id", step.step());
        data.put("step_name", step.step());
        data.put("status", step.status().wire());
        putIfPresent(data, "exit_code", step.exitCode());
        putIfPresent(data, "log_task_id", step.logTaskId());
        timings(data, step.startedAt(), step.finishedAt());
        return write("step_update", data, time);
    }

    /** Lines of a step's log, whose task id is {@code <run id>/<step>/<attempt>}. */
    public static String log(StepLogTask task, LogLines lines, Instant time) {
        ObjectNode data = EventCodec.mapper().createObjectNode();
        data.put("execution_id", task.runId());
        data.put("step_id", task.step());
        data.put("attempt", task.attempt());
        data.put("task_id", lines.taskId());
        var list = data.putArray("lines");
        lines.lines().forEach(line -> {
            ObjectNode item = list.addObject();
            item.put("offset", line.offset());
            item.put("timestamp", String.valueOf(line.time()));
            item.put("level", line.level() == null ? "INFO" : line.level());
            item.put("message", line.text());
        });
        return write("log_update", data, time);
    }

    private static void timings(ObjectNode data, Instant startedAt, Instant finishedAt) {
        putIfPresent(data, "started_at", startedAt == null ? null : startedAt.toString());
        putIfPresent(data, "finished_at", finishedAt == null ? null : finishedAt.toString());
        if (startedAt != null && finishedAt != null) {
            data.put("duration_ms", Duration.between(startedAt, finishedAt).toMillis());
        }
    }

    private static void putIfPresent(ObjectNode data, String field, Object value) {
        if (value instanceof Integer number) {
            data.put(field, number);
        } else if (value != null) {
            data.put(field, value.toString());
        }
    }

    private static String write(String type, ObjectNode data, Instant timestamp) {
        ObjectNode message = EventCodec.mapper().createObjectNode();
        message.put("type", type);
        message.set("data", data);
        message.put("timestamp", timestamp.toString());
        try {
            return EventCodec.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an execution message", e);
        }
    }
}
