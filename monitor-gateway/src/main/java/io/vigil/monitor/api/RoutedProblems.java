package io.vigil.monitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vigil.problem.Problem;

/** Answers a request with problem JSON from a Vert.x route filter, where the JAX-RS exception mappers do not reach. */
final class RoutedProblems {

    private RoutedProblems() {
    }

    static void answer(RoutingContext context, Problem problem, ObjectMapper json) {
        try {
            context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
