package io.vigil.monitor.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vigil.problem.Problem;

/** The alert and silence APIs' own errors as problem JSON; unknown ids and conflicts go through the common mappers. */
public class AlertProblems {

    @ServerExceptionMapper
    public Response badRequest(BadAlertRequest e, UriInfo uri) {
        return Problem.invalidField(uri.getPath(), e.field(), e.getMessage()).toResponse();
    }
}
