package io.vigil.problem;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem document: the standard members, then its extension members (RFC 9457 §3.2) at the top
 * level, in the order they were added. Immutable: {@link #with} answers a copy.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
@Schema(description = "An RFC 9457 problem. Extension members stand beside the standard ones: an invalid request"
        + " (type /problems/invalid-request) names the first bad field in `field` and lists every one in `errors`"
        + " as {field, message}.", additionalProperties = Schema.True.class)
public record Problem(URI type, String title, int status, String detail, String instance,
        @Schema(hidden = true) @JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The type of a request naming a field that is wrong; its {@code errors} are {@link FieldError}s. */
    public static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");

    private static final URI BLANK = URI.create("about:blank");
    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    /** One rejected request field (or parameter, or header) and why. */
    public record FieldError(String field, String message) {
    }

    public Problem {
        Objects.requireNonNull(type, "type");
        Map<String, Object> copy = new LinkedHashMap<>(extensions == null ? Map.of() : extensions);
        copy.forEach(Problem::requireExtension);
        extensions = Collections.unmodifiableMap(copy);
    }

    /** A problem of no particular type ({@code about:blank}). */
    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem(BLANK, title, status, detail, instance, Map.of());
    }

    /** A problem of no particular type, titled by its status's reason phrase. */
    public static Problem of(int status, String detail, String instance) {
        return of(status, reasonPhrase(status), detail, instance);
    }

    /** A 400 naming one bad field: {@code field} names it and {@code errors} lists it. */
    public static Problem invalidField(String instance, String field, String message) {
        return invalid(instance, List.of(new FieldError(field, message)));
    }

    /**
     * A 400 naming every bad field, so that a client fixes them all at once: {@code field} names the first, and
     * {@code errors} lists them all in the order given.
     */
    public static Problem invalid(String instance, List<FieldError> errors) {
        FieldError first = errors.get(0);
        String detail = errors.size() == 1 ? first.field() + ": " + first.message()
                : errors.size() + " invalid fields, first " + first.field() + ": " + first.message();
        return new Problem(INVALID_REQUEST, "Invalid request", 400, detail, instance, Map.of())
                .with("field", first.field())
                .with("errors", List.copyOf(errors));
    }

    /** This problem with one more extension member, after those it has (or in place of one of the same name). */
    public Problem with(String name, Object value) {
        requireExtension(name, value);
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, more);
    }

    /** The response answering this problem: its status, {@value #MEDIA_TYPE}, this document. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    private static void requireExtension(String name, Object value) {
        Objects.requireNonNull(name, "extension name");
        Objects.requireNonNull(value, name);
        if (MEMBERS.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a standard member, not an extension");
        }
    }
}
