package io.vigil.problem;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * The errors every service answers alike, as problem JSON: HTTP errors keep their status, unreadable JSON and
 * failed bean validation are a 400 naming the field, anything unexpected a 500 that is logged and says nothing
 * of its cause. Quarkus REST finds these in the jar; a service maps its own exceptions in its own class.
 */
public class CommonProblemMappers {

    /**
     * Below a service's own mappers ({@link Priorities#USER}, the default), so a service mapping one of these
     * exception types itself wins; above Quarkus's built-in ones ({@code USER + 100}), so that ours win over them.
     */
    public static final int PRIORITY = Priorities.USER + 50;

    private static final Logger LOG = Logger.getLogger(CommonProblemMappers.class);
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    @ServerExceptionMapper(priority = PRIORITY)
    public Response httpError(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri.getPath()).toResponse();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return UnreadableJson.problem(e, uri.getPath()).toResponse();
    }

    /** Quarkus maps this subtype itself; ours must be as specific to win. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response invalidFields(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.invalid(uri.getPath(), errors).toResponse();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return Problem.of(500, "Internal Server Error", "the request could not be completed; see the service log",
                uri.getPath()).toResponse();
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
