package io.vigil.ingest.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document. {@code field} names the first bad request field; {@code errors}
 * lists every one, so a sender can fix them all at once.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, String field,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected field and why. */
    public record FieldError(String field, String message) {
    }

    public static Problem invalid(String instance, List<FieldError> errors) {
        FieldError first = errors.get(0);
        String detail = errors.size() == 1 ? first.field() + ": " + first.message()
                : errors.size() + " invalid fields, first " + first.field() + ": " + first.message();
        return new Problem(URI.create("/problems/invalid-request"), "Invalid request", 400, detail, instance,
                first.field(), errors);
    }

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem(URI.create("about:blank"), title, status, detail, instance, null, List.of());
    }
}
