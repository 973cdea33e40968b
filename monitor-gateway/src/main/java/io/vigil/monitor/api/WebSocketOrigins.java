package io.vigil.monitor.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.monitor.config.GatewayConfig;
import io.vigil.problem.Problem;

/**
 * A browser may open the gateway's WebSockets only from the gateway's own pages or an allowed origin
 * ({@code vigil.gateway.allowed-origins}): a browser sends cookies and credentials along with an upgrade from any
 * site, so any other site's upgrade is refused before it happens, 403 with problem JSON. Clients that send no
 * {@code Origin} are not browsers and are let through (authentication is the next check, not this one).
 */
@ApplicationScoped
public class WebSocketOrigins {

    private static final Logger LOG = Logger.getLogger(WebSocketOrigins.class);
    /** Ahead of the per-address limit: a refused origin takes no slot. */
    private static final int ORDER = -2;

    private final Set<String> allowed;
    private final ObjectMapper json;

    WebSocketOrigins(GatewayConfig config, ObjectMapper json) {
        this.allowed = config.allowedOrigins().orElse(List.of()).stream().map(WebSocketOrigins::normal)
                .collect(Collectors.toUnmodifiableSet());
        this.json = json;
    }

    void route(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !"websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE))
                || allowed(origin, context)) {
            context.next();
            return;
        }
        LOG.infof("refused a WebSocket to %s from origin %s", context.normalizedPath(), origin);
        RoutedProblems.answer(context, Problem.of(403, "WebSockets may not be opened from " + origin
                + "; allow it with vigil.gateway.allowed-origins", context.normalizedPath()).with("field", "Origin"), json);
    }

    private boolean allowed(String origin, RoutingContext context) {
        String normal = normal(origin);
        String host = context.request().getHeader(HttpHeaders.HOST);
        return allowed.contains(normal) || (host != null && hostOf(normal).equalsIgnoreCase(host));
    }

    /** {@code scheme://host[:port]} in lower case, without a trailing slash; what cannot be read stays as given. */
    static String normal(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The {@code host[:port]} of an origin, as a same-origin browser sends it in {@code Host}. */
    private static String hostOf(String origin) {
        try {
            return URI.create(origin).getRawAuthority() == null ? "" : URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
