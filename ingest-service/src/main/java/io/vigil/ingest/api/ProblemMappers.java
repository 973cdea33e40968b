package io.vigil.ingest.api;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.vigil.ingest.domain.ReportQueue;
import io.vigil.ingest.domain.ReportRejected;
import io.vigil.ingest.domain.forge.ForgeFieldException;

/** Turns every error into RFC 9457 problem JSON; bad input is a 400 naming the field, never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private final WebhookMetrics metrics;

    ProblemMappers(WebhookMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(Problem.invalid(uri.getPath(), errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "body";
        String reason = e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        reason = newline > 0 ? reason.substring(0, newline) : reason;
        String message = "body".equals(field) ? "not valid JSON: " + reason : "cannot be read: " + reason;
        return respond(Problem.invalid(uri.getPath(), List.of(new Problem.FieldError(field, message))));
    }

    /** Quarkus maps this subtype itself; ours must be as specific to win. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(WebhookSenders.Unauthorized e, UriInfo uri) {
        return respond(Problem.of(401, "Unauthorized", e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response rejectedReport(ReportRejected e, UriInfo uri) {
        return respond(Problem.invalid(uri.getPath(), List.of(new Problem.FieldError(e.field(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response forgeField(ForgeFieldException e, UriInfo uri) {
        return respond(Problem.invalid(uri.getPath(), List.of(new Problem.FieldError(e.field(), e.reason()))));
    }

    @ServerExceptionMapper
    public Response tooMany(WebhookSenders.TooManyRequests e, UriInfo uri) {
        Response response = respond(Problem.of(429, "Too Many Requests", e.getMessage(), uri.getPath()));
        response.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfterSeconds()));
        return response;
    }

    @ServerExceptionMapper
    public Response unavailable(ReportQueue.Unavailable e, UriInfo uri) {
        Response response = respond(Problem.of(503, "Service Unavailable", e.getMessage(), uri.getPath()));
        response.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfterSeconds()));
        return response;
    }

    @ServerExceptionMapper
    public Response tooLarge(WebhookIntake.TooLarge e, UriInfo uri) {
        return respond(Problem.of(413, "Content Too Large", e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        return respond(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return respond(Problem.of(500, "Internal Server Error", "the request could not be completed; see the service log",
                uri.getPath()));
    }

    private Response respond(Problem problem) {
        if (problem.instance() != null && problem.instance().startsWith("/api/webhook")) {
            metrics.rejected(problem.status());
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The JSON name of the violated field: the property path without method and parameter, in snake_case. */
    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() == null || node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(SNAKE.translate(node.getName()));
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
