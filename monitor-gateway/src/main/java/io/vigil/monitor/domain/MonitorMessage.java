package io.vigil.monitor.domain;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vigil.events.EventCodec;
import io.vigil.events.VigilEvent;
import io.vigil.events.payload.DeploymentUpdated;

/**
 * The messages of the WebSocket protocol, all in one envelope: {@code {"type", "data", "timestamp"}}.
 * An event also carries {@code id}, {@code subject} and {@code seq}, so clients can dedupe and resume.
 */
public final class MonitorMessage {

    private static final ObjectMapper JSON = EventCodec.mapper();

    private MonitorMessage() {
    }

    public static String event(VigilEvent<?> event) {
        ObjectNode message = envelope(event.type().shortName(), event.time());
        message.put("id", event.id().toString());
        message.put("subject", event.subject());
        message.put("seq", event.seq());
        message.set("data", JSON.valueToTree(event.data()));
        return write(message);
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
