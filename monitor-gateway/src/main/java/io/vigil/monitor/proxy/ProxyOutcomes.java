package io.vigil.monitor.proxy;

import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import io.vigil.problem.Problem;

/**
 * Times every request routed to one owner by outcome ({@code vigil.gateway.proxy.requests}, tags {@code owner},
 * {@code outcome}: the owner's status class, {@code unreachable}, {@code timeout}), and answers for an owner that is
 * down (502) or silent for too long (504) with problem JSON naming it, never a bare 502 or a 500. The WARN it logs
 * is limited to one per owner every {@link OwnerWarnings#INTERVAL}, so an owner that is down does not flood the log.
 */
final class ProxyOutcomes implements ProxyInterceptor {

    static final String METER = "vigil.gateway.proxy.requests";
    private static final Logger LOG = Logger.getLogger(ProxyOutcomes.class);
    private static final String SAMPLE = "vigil.sample";
    private static final String OUTCOME = "vigil.outcome";

    private final String owner;
    private final MeterRegistry registry;
    private final ObjectMapper json;
    private final OwnerWarnings warnings;

    ProxyOutcomes(String owner, MeterRegistry registry, ObjectMapper json) {
        this.owner = owner;
        this.registry = registry;
        this.json = json;
        this.warnings = new OwnerWarnings(System::nanoTime);
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        context.set(SAMPLE, Timer.start(registry));
        return context.sendRequest().recover(failure -> Future.succeededFuture(failed(context, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        String answered = context.get(OUTCOME, String.class);
        String outcome = answered != null ? answered : context.response().getStatusCode() / 100 + "xx";
        return context.sendResponse().onComplete(sent -> context.get(SAMPLE, Timer.Sample.class)
                .stop(Timer.builder(METER).description("Requests routed to an owner, by outcome")
                        .tag("owner", owner).tag("outcome", sent.succeeded() ? outcome : "aborted")
                        .register(registry)));
    }

    private ProxyResponse failed(ProxyContext context, Throwable failure) {
        boolean timeout = failure instanceof TimeoutException;
        int status = timeout ? 504 : 502;
        String path = context.request().proxiedRequest().path();
        String detail = timeout ? owner + " did not answer in time" : owner + " cannot be reached";
        int suppressed = warnings.due();
        if (suppressed >= 0) {
            LOG.warnf("%s %s: %s (%s)%s", context.request().getMethod(), path, detail, failure.getMessage(),
                    suppressed > 0 ? "; " + suppressed + " more since the last warning" : "");
        }
        context.set(OUTCOME, timeout ? "timeout" : "unreachable");
        Problem problem = Problem.of(status, detail, path).with("owner", owner);
        return context.request().release().response().setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE).setBody(Body.body(Buffer.buffer(write(problem))));
    }

    private byte[] write(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
    }
}
