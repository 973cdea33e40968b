package io.vigil.pipeline.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vigil.pipeline.catalog.PipelineCatalog;
import io.vigil.pipeline.definition.DefinitionInvalid;
import io.vigil.pipeline.run.RunRefused;

/** Every error as RFC 9457 problem JSON: a bad definition is a 400 pointing at each bad value, never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidDefinition(DefinitionInvalid e, UriInfo uri) {
        return respond(Problem.invalid(uri.getPath(),
                e.errors().stream().map(error -> new Problem.Error(error.pointer(), error.message())).toList()));
    }

    @ServerExceptionMapper
    public Response nameTaken(PipelineCatalog.NameTaken e, UriInfo uri) {
        return respond(Problem.at(409, e.getMessage(), uri.getPath(), "/name"));
    }

    @ServerExceptionMapper
    public Response runRefused(RunRefused e, UriInfo uri) {
        return respond(Problem.at(e.status(), e.getMessage(), uri.getPath(), e.pointer()));
    }

    @ServerExceptionMapper
    public Response httpError(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return respond(Problem.of(500, "Internal Server Error", "the request could not be completed; see the service log",
                uri.getPath()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
