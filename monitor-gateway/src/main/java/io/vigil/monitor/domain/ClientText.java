package io.vigil.monitor.domain;

import com.fasterxml.jackson.databind.JsonNode;

import io.vigil.events.EventCodec;

/** What every client message must be before its type is looked at: a JSON object with a string field {@code type}. */
public final class ClientText {

    private ClientText() {
    }

    /** The message as JSON; throws {@link IllegalArgumentException} naming what is wrong. */
    public static JsonNode typed(String text) {
        JsonNode node;
        try {
            node = EventCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("message is not JSON");
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw new IllegalArgumentException("message needs a string field 'type'");
        }
        return node;
    }
}
