package io.vigil.monitor.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.events.EventCodec;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;
import io.vigil.monitor.fanout.SeqRange;

/**
 * The messages of the WebSocket protocol, all in one envelope: {@code {"type", "data", "timestamp"}}.
 * An event also carries {@code id}, {@code subject} and {@code seq}, so clients can dedupe and resume.
 */
public final class MonitorMessage {

    private static final ObjectMapper JSON = EventCodec.mapper();

    private MonitorMessage() {
    }

    public static String event(VigilEvent<?> event) {
        return event(event.type().shortName(), event.id().toString(), event.subject(), event.seq(), event.time(),
                JSON.valueToTree(event.data()));
    }

    /** An event as its owner's history API gives it back: the same message as when it came live. */
    public static String event(String type, String id, String subject, long seq, Instant time, JsonNode data) {
        ObjectNode message = envelope(type, time);
        message.put("id", id);
        message.put("subject", subject);
        message.put("seq", seq);
        message.set("data", data);
        return write(message);
    }

    /** Lines of a task from its owner's history: a {@code log.lines} message without event id and seq. */
    public static String logLines(String taskId, Object lines, Instant now) {
        ObjectNode message = envelope("log.lines", now);
        message.put("subject", taskId);
        ObjectNode data = message.putObject("data");
        data.put("task_id", taskId);
        data.set("lines", JSON.valueToTree(lines));
        return write(message);
    }

    /**
     * The first message of a resumed stream: whether everything after {@code from} ({@code field}: from_seq or
     * from_offset) follows, or which range is missing.
     */
    public static String recovered(String field, long from, Optional<SeqRange> missing, Instant now) {
        ObjectNode message = envelope("recovered", now);
        ObjectNode data = message.putObject("data");
        data.put("recovered", missing.isEmpty());
        data.put(field, from);
        missing.ifPresent(range -> data.putObject("missing").put("from", range.from()).put("to", range.to()));
        return write(message);
    }

    /** The last message of a run's or a task's stream: how it ended. */
    public static String status(String status, Instant finishedAt, Instant now) {
        ObjectNode message = envelope("status", now);
        message.putObject("data").put("status", status).put("finished_at", String.valueOf(finishedAt));
        return write(message);
    }

    public static String lagging(Instant now) {
        return write(envelope("lagging", now));
    }

    public static String snapshot(List<DeploymentUpdated> projects, Instant now) {
        ObjectNode message = envelope("snapshot", now);
        ObjectNode data = message.putObject("data");
        data.set("projects", JSON.valueToTree(projects));
        data.putArray("runs");
        data.putArray("alerts");
        return write(message);
    }

    public static String pong(Instant now) {
        return write(envelope("pong", now));
    }

    public static String subscribed(Subscription subscription, Instant now) {
        ObjectNode message = envelope("subscribed", now);
        message.set("data", JSON.valueToTree(subscription));
        return write(message);
    }

    public static String error(String reason, Instant now) {
        ObjectNode message = envelope("error", now);
        message.putObject("data").put("message", reason);
        return write(message);
    }

    private static ObjectNode envelope(String type, Instant timestamp) {
        ObjectNode message = JSON.createObjectNode();
        message.put("type", type);
        message.put("timestamp", timestamp.toString());
        return message;
    }

    private static String write(ObjectNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a monitor message", e);
        }
    }
}
