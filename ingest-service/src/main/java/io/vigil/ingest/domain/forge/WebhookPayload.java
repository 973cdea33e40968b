package io.vigil.ingest.domain.forge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook body read field by field along dotted paths ("workflow_run.head_sha"). Whatever a forge sends
 * (nulls, wrong types, arrays where objects belong) comes out as a value, as null when absent, or as a
 * {@link ForgeFieldException} naming the full path, so the mappers never meet a surprise of their own.
 */
final class WebhookPayload {

    private final JsonNode node;
    /** The full path of {@link #node}: empty for the body, "builds[2]" for an element. */
    private final String at;

    private WebhookPayload(JsonNode node, String at) {
        this.node = node;
        this.at = at;
    }

    static WebhookPayload of(JsonNode body) {
        return new WebhookPayload(body, "");
    }

    /** The string at {@code path}, stripped; null when absent, null or blank. */
    String text(String path, TextLimit limit) {
        JsonNode value = find(path);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(path, "must be a string");
        }
        String text = value.textValue().strip();
        return text.isEmpty() ? null : limit.check(text, field(path));
    }

    String requiredText(String path, TextLimit limit) {
        String text = text(path, limit);
        if (text == null) {
            throw missing(path);
        }
        return text;
    }

    /** The first of {@code paths} that holds a string; null when none does. */
    String firstText(TextLimit limit, String... paths) {
        for (String path : paths) {
            String text = text(path, limit);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /** A status or state word, in lower case. */
    String requiredWord(String path) {
        return requiredText(path, TextLimit.WORD).toLowerCase(Locale.ROOT);
    }

    /** An integer (an id); null when absent. */
    /**
     * The forge's id of the run, pipeline or deployment as a Vigil sender deployment id, so that every event
     * of one run lands on one deployment; null when the payload has none.
     */
    static String senderId(String prefix, Long id) {
        return id == null ? null : prefix + id;
    }

    Long integer(String path) {
        JsonNode value = find(path);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(path, "must be an integer");
        }
        return value.longValue();
    }

    /** The first of {@code paths} that holds a time; null when none does. */
    Instant firstTime(String... paths) {
        for (String path : paths) {
            String text = text(path, TextLimit.WORD);
            if (text != null) {
                return ForgeTimestamp.parse(text).orElseThrow(() -> invalid(path, "must be a time like"
                        + " 2024-01-01T10:00:00Z or 2024-01-01 10:00:00 UTC"));
            }
        }
        return null;
    }

    /** The objects of the array at {@code path}; empty when absent. */
    List<WebhookPayload> objects(String path, int max) {
        JsonNode value = find(path);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(path, "must be an array");
        }
        if (value.size() > max) {
            throw invalid(path, "must have at most " + max + " elements");
        }
        List<WebhookPayload> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String element = field(path) + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw new ForgeFieldException(element, "must be an object");
            }
            elements.add(new WebhookPayload(value.get(i), element));
        }
        return elements;
    }

    ForgeFieldException missing(String path) {
        return new ForgeFieldException(field(path), "is missing");
    }

    ForgeFieldException invalid(String path, String reason) {
        return new ForgeFieldException(field(path), reason);
    }

    private String field(String path) {
        return at.isEmpty() ? path : at + "." + path;
    }

    /** The node at {@code path}; null when it, or an object on the way, is absent or null. */
    private JsonNode find(String path) {
        JsonNode current = node;
        String walked = at;
        for (String name : path.split("\\.")) {
            if (absent(current)) {
                return null;
            }
            if (!current.isObject()) {
                throw new ForgeFieldException(walked.isEmpty() ? "body" : walked, "must be a JSON object");
            }
            current = current.get(name);
            walked = walked.isEmpty() ? name : walked + "." + name;
        }
        return absent(current) ? null : current;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
