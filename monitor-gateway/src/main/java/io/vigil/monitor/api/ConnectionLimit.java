package io.vigil.monitor.api;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.Closed;
import io.quarkus.websockets.next.Open;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.monitor.config.GatewayConfig;
import io.vigil.monitor.domain.AddressSlots;
import io.vigil.problem.Problem;

/**
 * At most {@code max-connections-per-address} WebSockets per client address, over every endpoint: an upgrade over
 * the limit is refused before it happens, 429 with problem JSON, so one client cannot take the gateway's
 * connections from the others. Counted from the upgrade on; released when the connection closes.
 */
@ApplicationScoped
public class ConnectionLimit {

    private static final Logger LOG = Logger.getLogger(ConnectionLimit.class);
    /** Ahead of the WebSocket endpoints' routes. */
    private static final int ORDER = -1;
    /** How long an upgrade let through may take to open before its slot lapses. */
    private static final Duration UPGRADE_GRACE = Duration.ofSeconds(10);

    private final AddressSlots slots;
    private final ObjectMapper json;

    ConnectionLimit(GatewayConfig config, ObjectMapper json) {
        this.slots = new AddressSlots(config.maxConnectionsPerAddress(), UPGRADE_GRACE, System::nanoTime);
        this.json = json;
    }

    void route(@Observes Router router) {
        router.route().order(ORDER).handler(this::upgrade);
    }

    private void upgrade(RoutingContext context) {
        if (!"websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE))) {
            context.next();
            return;
        }
        String address = context.request().remoteAddress().hostAddress();
        if (slots.reserve(address)) {
            context.next();
            return;
        }
        LOG.debugf("refused a WebSocket to %s from %s: it holds %d", context.normalizedPath(), address, slots.max());
        RoutedProblems.answer(context, Problem.of(429, address + " holds " + slots.max()
                + " WebSockets already, the most one address may; close one first", context.normalizedPath())
                .with("limit", slots.max()), json);
    }

    void opened(@ObservesAsync @Open WebSocketConnection connection) {
        slots.opened(host(connection), connection.id());
    }

    void closed(@ObservesAsync @Closed WebSocketConnection connection) {
        slots.closed(host(connection), connection.id());
    }

    /** WebSockets {@code address} holds now. */
    public int held(String address) {
        return slots.held(address);
    }

    /** The handshake's remote address is {@code host:port}; slots are per host. */
    private static String host(WebSocketConnection connection) {
        String address = connection.handshakeRequest().remoteAddress();
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
