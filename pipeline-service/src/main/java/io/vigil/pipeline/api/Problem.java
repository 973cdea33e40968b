package io.vigil.pipeline.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document. For a rejected definition, {@code errors} lists every problem found, each at
 * the JSON pointer of the offending value (as in RFC 9457's own example), so an author fixes them all at once.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Error> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One rejected value: where (a JSON pointer into the request body) and why. */
    public record Error(String pointer, String detail) {
    }

    public static Problem invalid(String instance, List<Error> errors) {
        Error first = errors.get(0);
        String where = first.pointer().isEmpty() ? "the body" : first.pointer();
        String detail = errors.size() == 1 ? where + ": " + first.detail()
                : errors.size() + " problems, first " + where + ": " + first.detail();
        return new Problem(URI.create("/problems/invalid-pipeline"), "Invalid pipeline", 400, detail, instance, errors);
    }

    /** A problem with one value of the request, at {@code pointer}; titled by its status. */
    public static Problem at(int status, String detail, String instance, String pointer) {
        return new Problem(URI.create("about:blank"), Response.Status.fromStatusCode(status).getReasonPhrase(), status,
                detail, instance, List.of(new Error(pointer, detail)));
    }

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem(URI.create("about:blank"), title, status, detail, instance, List.of());
    }
}
