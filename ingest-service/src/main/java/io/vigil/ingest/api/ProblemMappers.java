package io.vigil.ingest.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vigil.ingest.domain.ReportQueue;
import io.vigil.ingest.domain.ReportRejected;
import io.vigil.ingest.domain.forge.ForgeFieldException;
import io.vigil.problem.Problem;

/**
 * This service's own exceptions as problem JSON; bad input is a 400 naming the field. The errors every service
 * shares (HTTP errors, unreadable JSON, bean validation, the unexpected) are mapped by the problem library.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response unauthorized(WebhookSenders.Unauthorized e, UriInfo uri) {
        return Problem.of(401, e.getMessage(), uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response rejectedReport(ReportRejected e, UriInfo uri) {
        return Problem.invalidField(uri.getPath(), e.field(), e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response forgeField(ForgeFieldException e, UriInfo uri) {
        return Problem.invalidField(uri.getPath(), e.field(), e.reason()).toResponse();
    }

    @ServerExceptionMapper
    public Response tooMany(WebhookSenders.TooManyRequests e, UriInfo uri) {
        return retryAfter(Problem.of(429, e.getMessage(), uri.getPath()), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response unavailable(ReportQueue.Unavailable e, UriInfo uri) {
        return retryAfter(Problem.of(503, e.getMessage(), uri.getPath()), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response tooLarge(WebhookIntake.TooLarge e, UriInfo uri) {
        return Problem.of(413, "Content Too Large", e.getMessage(), uri.getPath()).toResponse();
    }

    private static Response retryAfter(Problem problem, long seconds) {
        return Response.fromResponse(problem.toResponse()).header("Retry-After", String.valueOf(seconds)).build();
    }
}
