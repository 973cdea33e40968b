package io.vigil.problem;

import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A request body Jackson could not read, as the invalid-request problem naming where it gave up. */
final class UnreadableJson {

    static final String BODY = "body";

    private UnreadableJson() {
    }

    static Problem problem(JsonProcessingException e, String instance) {
        String field = field(e);
        String reason = Objects.requireNonNullElse(e.getOriginalMessage(), e.getClass().getSimpleName());
        int newline = reason.indexOf('\n');
        reason = newline > 0 ? reason.substring(0, newline) : reason;
        String message = BODY.equals(field) ? "not valid JSON: " + reason : "cannot be read: " + reason;
        return Problem.invalidField(instance, field, message);
    }

    /**
     * The path of the value Jackson stopped at, as the body's JSON names it, dotted ({@code step_details.build},
     * {@code items.[2].name}); {@code body} when the document itself is unreadable.
     */
    static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return BODY;
        }
        return mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
