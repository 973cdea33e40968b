package io.vigil.logs.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vigil.logs.task.TaskRefused;
import io.vigil.problem.Problem;

/** This service's errors as RFC 9457 problem JSON; the common ones come from the problem library. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidRequest e, UriInfo uri) {
        return Problem.invalidField(uri.getPath(), e.field(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response refused(TaskRefused e, UriInfo uri) {
        return Problem.invalidField(uri.getPath(), e.field(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response noSuchTask(NoSuchTask e, UriInfo uri) {
        return Problem.of(404, e.getMessage(), uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unsatisfiable(ByteRange.Unsatisfiable e, UriInfo uri) {
        Response response = Problem.of(416, e.getMessage(), uri.getPath()).toResponse();
        response.getHeaders().putSingle("Content-Range", "bytes */" + e.length());
        return response;
    }
}
