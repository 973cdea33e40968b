package io.vigil.monitor.domain;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.events.EventCodec;

/**
 * The messages of {@code /v1/log/ws?task_id=}, in the shape the existing install-log viewers read: one per line,
 * {@code {"timestamp","level","message","progress","step","current_step","total_steps"}} (plus {@code offset} and
 * {@code task_id}). Those viewers treat every message as a line and stop on {@code level SUCCESS} with
 * {@code progress 100}, so a finished task ends with such a line, or with an {@code ERROR} line when it failed.
 */
public final class LegacyLogMessage {

    private LegacyLogMessage() {
    }

    public static String line(String taskId, long offset, Instant time, String level, String text, Integer progress,
            Integer step, Integer steps) {
        ObjectNode message = EventCodec.mapper().createObjectNode();
        message.put("task_id", taskId);
        message.put("offset", offset);
        message.put("timestamp", String.valueOf(time));
        message.put("level", level == null ? "INFO" : level);
        message.put("message", text);
        if (progress != null) {
            message.put("progress", progress);
        }
        if (step != null && steps != null) {
            message.put("current_step", step);
            message.put("total_steps", steps);
        }
        return write(message);
    }

    /** The last message: the task ended with {@code status}. */
    public static String end(String taskId, String status, Instant finishedAt) {
        boolean success = "success".equals(status);
        ObjectNode message = EventCodec.mapper().createObjectNode();
        message.put("task_id", taskId);
        message.put("timestamp", String.valueOf(finishedAt));
        message.put("level", success ? "SUCCESS" : "ERROR");
        message.put("message", "task " + status);
        if (success) {
            message.put("progress", 100);
        }
        message.put("completed", true);
        return write(message);
    }

    private static String write(ObjectNode message) {
        try {
            return EventCodec.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a log message", e);
        }
    }
}
