package io.vigil.monitor.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vigil.monitor.workflows.InvalidParameter;
import io.vigil.monitor.workflows.OwnerUnavailable;
import io.vigil.monitor.workflows.WorkflowNotFound;
import io.vigil.problem.Problem;

/** The stats, event log and workflow APIs' own failures as problem JSON; the common ones are the library's. */
public class WorkflowProblems {

    private static final Logger LOG = Logger.getLogger(WorkflowProblems.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameter e, UriInfo uri) {
        return Problem.invalidField(uri.getPath(), e.field(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(WorkflowNotFound e, UriInfo uri) {
        return Problem.of(404, e.getMessage(), uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response ownerUnavailable(OwnerUnavailable e, UriInfo uri) {
        LOG.warnf("%s: %s", uri.getPath(), e.getMessage());
        return Problem.of(502, e.getMessage(), uri.getPath()).toResponse();
    }
}
