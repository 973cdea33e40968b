package io.vigil.monitor.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import io.vigil.monitor.alerts.AlertMessages;
import io.vigil.monitor.alerts.AlertStore;
import io.vigil.monitor.alerts.AlertsConfig;
import io.vigil.monitor.domain.ClientRequest;
import io.vigil.monitor.domain.MonitorMessage;
import io.vigil.monitor.fanout.Channel;
import io.vigil.monitor.fanout.Filter;

/**
 * {@code /ws/alerts}: on connect an {@code alerts} message with the most recent alerts (newest first), then every
 * {@code alert.fired} and {@code alert.resolved}; {@code ping} is answered {@code pong}, anything else an
 * {@code error}, and the connection stays. Live alerts wait until the first message is sent.
 */
@WebSocket(path = "/ws/alerts")
public class AlertSocket {

    private static final Filter CHANGES = new Filter(Set.of(), Set.of(AlertMessages.FIRED, AlertMessages.RESOLVED));

    private final GatewayClients clients;
    private final AlertStore alerts;
    private final AlertsConfig config;
    private final Clock clock;

    AlertSocket(GatewayClients clients, AlertStore alerts, AlertsConfig config, Clock clock) {
        this.clients = clients;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    @OnOpen
    public void onOpen(WebSocketConnection socket) {
        clients.open(socket).subscribe(Channel.ALERTS, CHANGES,
                () -> AlertMessages.recent(alerts.recent(config.recentOnConnect()), clock.instant()));
    }

    @OnTextMessage
    public void onMessage(String text, WebSocketConnection socket) {
        clients.of(socket).ifPresent(connection -> connection.send(reply(text, clock.instant())));
    }

    /** The answer to a client's message on either alert socket: they take {@code ping} only. */
    static String reply(String text, Instant now) {
        try {
            if (ClientRequest.parse(text) instanceof ClientRequest.Ping) {
                return MonitorMessage.pong(now);
            }
            return MonitorMessage.error("the alert stream takes only ping", now);
        } catch (IllegalArgumentException e) {
            return MonitorMessage.error(e.getMessage(), now);
        }
    }

    @OnPongMessage
    public void onPong(Buffer data, WebSocketConnection socket) {
        clients.of(socket);
    }

    @OnClose
    public void onClose(WebSocketConnection socket) {
        clients.closed(socket);
    }
}
