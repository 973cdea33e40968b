package io.vigil.logs.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vigil.problem.Problem;

/**
 * On the existing clients' {@code /v1} paths a problem also carries {@code success: false} and {@code message},
 * which is what those clients read, whichever mapper (this service's or the problem library's) wrote it.
 */
public class LegacyProblems {

    @ServerResponseFilter
    public void envelope(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem
                && request.getUriInfo().getPath().startsWith("/v1/")) {
            response.setEntity(problem.with("success", false).with("message",
                    problem.detail() == null ? problem.title() : problem.detail()));
        }
    }
}
