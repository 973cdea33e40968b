package io.vigil.monitor.domain;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;


/** A message a WebSocket client sends: {@code ping}, or {@code subscribe} with optional project and type filters. */
public sealed interface ClientRequest {

    record Ping() implements ClientRequest {
    }

    record Subscribe(Subscription subscription) implements ClientRequest {
    }

    /** Reads a client's text; throws {@link IllegalArgumentException} naming what is wrong. */
    static ClientRequest parse(String text) {
        JsonNode node = ClientText.typed(text);
        return switch (node.get("type").asText()) {
            case "ping" -> new Ping();
            case "subscribe" -> new Subscribe(new Subscription(strings(node, "projects"), strings(node, "types")));
            default -> throw new IllegalArgumentException("unknown message type '" + node.get("type").asText()
                    + "'; use ping or subscribe");
        };
    }

    private static Set<String> strings(JsonNode message, String field) {
        JsonNode list = message.get(field);
        Set<String> values = new HashSet<>();
        if (list == null || list.isNull()) {
            return values;
        }
        if (!list.isArray() || list.size() > 1000) {
            throw new IllegalArgumentException("field '" + field + "' must be an array of at most 1000 strings");
        }
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("field '" + field + "' must contain only strings");
            }
            values.add(item.asText());
        }
        return values;
    }
}
