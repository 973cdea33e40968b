package io.vigil.pipeline.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vigil.pipeline.catalog.PipelineCatalog;
import io.vigil.pipeline.definition.DefinitionInvalid;
import io.vigil.pipeline.run.RunRefused;
import io.vigil.problem.Problem;

/**
 * This service's own exceptions as problem JSON, each error at the JSON pointer of the offending value (as in
 * RFC 9457's own example), so that an author fixes them all at once: a bad definition is a 400 listing every
 * one, never a 500. The errors every service shares are mapped by the problem library.
 */
public class ProblemMappers {

    private static final URI INVALID_PIPELINE = URI.create("/problems/invalid-pipeline");

    /** One rejected value: where (a JSON pointer into the request body) and why. */
    public record PointerError(String pointer, String detail) {
    }

    @ServerExceptionMapper
    public Response invalidDefinition(DefinitionInvalid e, UriInfo uri) {
        List<PointerError> errors = e.errors().stream().map(error -> new PointerError(error.pointer(), error.message()))
                .toList();
        PointerError first = errors.get(0);
        String where = first.pointer().isEmpty() ? "the body" : first.pointer();
        String detail = errors.size() == 1 ? where + ": " + first.detail()
                : errors.size() + " problems, first " + where + ": " + first.detail();
        return new Problem(INVALID_PIPELINE, "Invalid pipeline", 400, detail, uri.getPath(), Map.of())
                .with("errors", errors).toResponse();
    }

    @ServerExceptionMapper
    public Response nameTaken(PipelineCatalog.NameTaken e, UriInfo uri) {
        return at(409, e.getMessage(), uri.getPath(), "/name");
    }

    @ServerExceptionMapper
    public Response runRefused(RunRefused e, UriInfo uri) {
        return at(e.status(), e.getMessage(), uri.getPath(), e.pointer());
    }

    /** A problem with one value of the request, at {@code pointer}; titled by its status. */
    private static Response at(int status, String detail, String instance, String pointer) {
        return Problem.of(status, detail, instance).with("errors", List.of(new PointerError(pointer, detail)))
                .toResponse();
    }
}
